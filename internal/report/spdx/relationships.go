package spdx

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/aisecops/aisec/internal/bom"
)

// relTypes maps BOM relationship types to Core/RelationshipType values. SPDX has no "uses":
// a call to a model or service is a dependsOn with the comment "uses".
var relTypes = map[bom.RelType]string{
	bom.RelDependsOn: "dependsOn", bom.RelUses: "dependsOn", bom.RelTrainedOn: "trainedOn",
	bom.RelDescendantOf: "descendantOf", bom.RelContains: "contains",
}

// relationships emits the BOM's relationships whose ends are both in the document, then the
// ones the writer derives: packages contain their files.
func (w *writer) relationships() {
	for _, r := range w.b.Relationships {
		from, to, typ := w.known[r.From], w.known[r.To], relTypes[r.Type]
		if from == "" || to == "" || typ == "" {
			continue
		}
		comment := ""
		if r.Type == bom.RelUses {
			comment = "uses"
		}
		w.relate(from, typ, comment, to)
	}
	for _, ref := range sortedKeys(w.comps) {
		x := w.comps[ref]
		for _, f := range x.Files {
			if to := w.known[FileRef(x.Ref, f.Path)]; to != "" {
				w.relate(w.known[ref], "contains", "", to)
			}
		}
	}
}

// relate emits one relationship; its spdxId is derived from its content, so the same edge is
// emitted once.
func (w *writer) relate(from, typ, comment string, to ...string) {
	sum := sha256.Sum256([]byte(from + "\x00" + typ + "\x00" + comment + "\x00" + strings.Join(to, "\x00")))
	id := w.internalID("Relationship", hex.EncodeToString(sum[:10]))
	e := w.el("Relationship", id, "")
	e.Comment = comment
	w.add(&w.rel, id, relationship{element: e, From: from, RelationshipType: typ, To: to})
}

// declaredLicense relates a package to its declared licence expression. AI and dataset
// packages (conclude set) always get exactly one hasDeclaredLicense and one
// hasConcludedLicense, as their profiles require; aisec concludes nothing, so the concluded
// licence is NoAssertionLicense.
func (w *writer) declaredLicense(from string, licenses []string, conclude bool) {
	if expr := licenseExpr(licenses); expr != "" {
		w.relate(from, "hasDeclaredLicense", "", w.license(expr))
	} else if conclude {
		w.relate(from, "hasDeclaredLicense", "", noAssertionLicID)
	}
	if conclude {
		w.relate(from, "hasConcludedLicense", "", noAssertionLicID)
	}
}

// license returns the spdxId of the LicenseExpression element for expr, emitting it once.
func (w *writer) license(expr string) string {
	if id, ok := w.licIDs[expr]; ok {
		return id
	}
	sum := sha256.Sum256([]byte(expr))
	id := w.internalID("License", hex.EncodeToString(sum[:8]))
	w.licIDs[expr] = id
	w.add(&w.lics, id, licenseExpression{element: w.el("simplelicensing_LicenseExpression", id, ""), LicenseExpression: expr})
	return id
}

// licenseExpr joins licences with AND. Each is kept when it is an SPDX expression over
// listed IDs (case fixed), else it becomes a LicenseRef- identifier.
func licenseExpr(ls []string) string {
	var parts []string
	for _, l := range ls {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		e, ok := normaliseExpression(l)
		if !ok {
			e = licenseRef(l)
		} else if len(ls) > 1 && strings.ContainsAny(e, " ") {
			e = "(" + e + ")"
		}
		parts = append(parts, e)
	}
	return strings.Join(parts, " AND ")
}

// parenSpacer puts spaces around parentheses so that an expression splits into tokens.
var parenSpacer = strings.NewReplacer("(", " ( ", ")", " ) ")

// normaliseExpression returns s with every licence ID in SPDX casing, and whether s is an
// expression made only of allowlisted IDs, AND, OR, WITH and parentheses.
func normaliseExpression(s string) (string, bool) {
	fields := strings.Fields(parenSpacer.Replace(s))
	for i, f := range fields {
		switch up := strings.ToUpper(f); {
		case up == "AND" || up == "OR" || up == "WITH":
			fields[i] = up
		case f == "(" || f == ")":
		default:
			id, ok := LicenseID(f)
			if !ok {
				return "", false
			}
			fields[i] = id
		}
	}
	out := strings.Join(fields, " ")
	return strings.ReplaceAll(strings.ReplaceAll(out, "( ", "("), " )", ")"), len(fields) > 0
}

// licenseRef turns a licence name into a LicenseRef- identifier (letters, digits, "." and "-").
func licenseRef(name string) string {
	var b strings.Builder
	b.WriteString("LicenseRef-")
	for _, r := range name {
		if r < 0x80 && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '.' || r == '-') {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// ancestors emits the base models of a model as minimal AI packages with descendantOf
// relationships, and the datasets its card names that are not components as minimal dataset
// packages with trainedOn relationships.
func (w *writer) ancestors(x *bom.Component) {
	from := w.known[x.Ref]
	for _, a := range x.Ancestors {
		if a.Name == "" && a.PURL == "" || w.isDescendantOfComponent(x, &a) {
			continue
		}
		ref := "base-model:" + cmpOr(a.PURL, a.Group+"/"+a.Name)
		if w.known[ref] == "" {
			stub := a
			stub.Ref, stub.Kind = ref, bom.KindModel
			stub.Supplier = cmpOr(stub.Supplier, stub.Group) // a Hugging Face organisation
			p := w.basePackage(&stub, ref, "ai_AIPackage", "model")
			w.requireAIFields(&p, &stub)
			if w.add(&w.pkgs, p.SpdxID, p) {
				w.known[ref] = p.SpdxID
				w.declaredLicense(p.SpdxID, nil, true)
			}
		}
		w.relate(from, "descendantOf", "", w.known[ref])
	}
	if x.Model == nil {
		return
	}
	trained := w.trainedOn(x.Ref)
	for _, name := range x.Model.Datasets {
		if name == "" || matchesAny(name, trained) {
			continue
		}
		ref := "dataset-name:" + name
		if w.known[ref] == "" {
			stub := bom.Component{Ref: ref, Kind: bom.KindDataset, Name: name}
			p := w.basePackage(&stub, ref, "dataset_DatasetPackage", "data")
			w.requireDatasetFields(&p, &stub)
			if w.add(&w.pkgs, p.SpdxID, p) {
				w.known[ref] = p.SpdxID
				w.declaredLicense(p.SpdxID, nil, true)
			}
		}
		w.relate(from, "trainedOn", "", w.known[ref])
	}
}

// isDescendantOfComponent reports whether a descendantOf relationship of x already points at a
// component that is the ancestor a.
func (w *writer) isDescendantOfComponent(x *bom.Component, a *bom.Component) bool {
	for _, r := range w.b.Relationships {
		if r.From != x.Ref || r.Type != bom.RelDescendantOf {
			continue
		}
		if t := w.comps[r.To]; t != nil && (a.PURL != "" && a.PURL == t.PURL || a.Name == t.Name && a.Group == t.Group) {
			return true
		}
	}
	return false
}

func (w *writer) trainedOn(ref string) []*bom.Component {
	var out []*bom.Component
	for _, r := range w.b.Relationships {
		if r.From == ref && r.Type == bom.RelTrainedOn && w.comps[r.To] != nil {
			out = append(out, w.comps[r.To])
		}
	}
	return out
}

// matchesAny reports whether a dataset name from a model card ("rajpurkar/squad" or "squad")
// names one of the components.
func matchesAny(name string, cs []*bom.Component) bool {
	for _, t := range cs {
		if strings.EqualFold(name, t.Name) || t.Group != "" && strings.EqualFold(name, t.Group+"/"+t.Name) {
			return true
		}
	}
	return false
}
