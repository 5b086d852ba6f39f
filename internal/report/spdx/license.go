package spdx

import "strings"

// licenseIDs maps the lowercase spelling of common model, dataset and library licences to their
// exact SPDX License List identifier. Hugging Face licence tags are lowercase SPDX IDs
// ("apache-2.0"), so a case-insensitive lookup covers them. Licences that are not on the SPDX
// License List (openrail, creativeml-openrail-m, bigscience-openrail-m, llama2, llama3,
// llama3.1, llama3.2, gemma, …) are absent on purpose: writers emit them as names
// (CycloneDX) or LicenseRef- identifiers (SPDX). Every value must be on the list; a test checks
// them against the CycloneDX copy of the SPDX license enum.
var licenseIDs = map[string]string{
	"0bsd":                "0BSD",
	"afl-3.0":             "AFL-3.0",
	"agpl-3.0":            "AGPL-3.0-only",
	"agpl-3.0-only":       "AGPL-3.0-only",
	"agpl-3.0-or-later":   "AGPL-3.0-or-later",
	"apache-2.0":          "Apache-2.0",
	"artistic-2.0":        "Artistic-2.0",
	"bsd-2-clause":        "BSD-2-Clause",
	"bsd-3-clause":        "BSD-3-Clause",
	"bsd-3-clause-clear":  "BSD-3-Clause-Clear",
	"bsl-1.0":             "BSL-1.0",
	"cc-by-3.0":           "CC-BY-3.0",
	"cc-by-4.0":           "CC-BY-4.0",
	"cc-by-nc-3.0":        "CC-BY-NC-3.0",
	"cc-by-nc-4.0":        "CC-BY-NC-4.0",
	"cc-by-nc-nd-4.0":     "CC-BY-NC-ND-4.0",
	"cc-by-nc-sa-3.0":     "CC-BY-NC-SA-3.0",
	"cc-by-nc-sa-4.0":     "CC-BY-NC-SA-4.0",
	"cc-by-nd-4.0":        "CC-BY-ND-4.0",
	"cc-by-sa-3.0":        "CC-BY-SA-3.0",
	"cc-by-sa-4.0":        "CC-BY-SA-4.0",
	"cc0-1.0":             "CC0-1.0",
	"cdla-permissive-1.0": "CDLA-Permissive-1.0",
	"cdla-permissive-2.0": "CDLA-Permissive-2.0",
	"cdla-sharing-1.0":    "CDLA-Sharing-1.0",
	"ecl-2.0":             "ECL-2.0",
	"epl-2.0":             "EPL-2.0",
	"gpl-2.0":             "GPL-2.0-only",
	"gpl-2.0-only":        "GPL-2.0-only",
	"gpl-2.0-or-later":    "GPL-2.0-or-later",
	"gpl-3.0":             "GPL-3.0-only",
	"gpl-3.0-only":        "GPL-3.0-only",
	"gpl-3.0-or-later":    "GPL-3.0-or-later",
	"isc":                 "ISC",
	"lgpl-2.1":            "LGPL-2.1-only",
	"lgpl-2.1-only":       "LGPL-2.1-only",
	"lgpl-2.1-or-later":   "LGPL-2.1-or-later",
	"lgpl-3.0":            "LGPL-3.0-only",
	"lgpl-3.0-only":       "LGPL-3.0-only",
	"lgpl-3.0-or-later":   "LGPL-3.0-or-later",
	"mit":                 "MIT",
	"mpl-2.0":             "MPL-2.0",
	"odbl-1.0":            "ODbL-1.0",
	"odc-by-1.0":          "ODC-By-1.0",
	"openmdw-1.0":         "OpenMDW-1.0",
	"osl-3.0":             "OSL-3.0",
	"pddl-1.0":            "PDDL-1.0",
	"python-2.0":          "Python-2.0",
	"unlicense":           "Unlicense",
	"wtfpl":               "WTFPL",
	"zlib":                "Zlib",
}

// LicenseID returns the SPDX License List identifier for a licence as written in a model card,
// manifest or package metadata ("apache-2.0", "MIT"), and whether it is one. Names that are not
// on the compact allowlist, such as the Llama or OpenRAIL licences, are not identifiers.
func LicenseID(s string) (string, bool) {
	id, ok := licenseIDs[strings.ToLower(strings.TrimSpace(s))]
	return id, ok
}
