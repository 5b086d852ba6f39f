package bomtest

// The SPDX 3.0.1 classes the aisec writer uses, with their properties, cardinalities and
// value types. Sources, in the spdx/spdx-3-model repository at the 3.0.1 release:
// model/Core/Classes/{Element,Artifact,CreationInfo,Relationship,ElementCollection,
// SpdxDocument,Agent,Organization,Person,SoftwareAgent,Tool,Hash,IntegrityMethod,
// DictionaryEntry,ExternalIdentifier,ExternalRef}.md, model/Software/Classes/
// {SoftwareArtifact,Package,File}.md, model/SimpleLicensing/Classes/{AnyLicenseInfo,
// LicenseExpression}.md, model/AI/Classes/AIPackage.md and model/Dataset/Classes/
// DatasetPackage.md (including their "External properties restrictions"), the vocabularies
// under model/*/Vocabularies, and the profile conformance sections of model/AI/AI.md and
// model/Dataset/Dataset.md. Property types and the date pattern were cross-checked against the
// SHACL-generated bindings (spdx/spdx-go-model, spdx_v3_0_1/classes.go), which do not encode
// the external property restrictions; this table does.

type valueKind int

const (
	kString   valueKind = iota
	kDateTime           // xsd:dateTimeStamp as SPDX restricts it: YYYY-MM-DDThh:mm:ssZ
	kURI                // xsd:anyURI
	kInt                // xsd:nonNegativeInteger
	kVocab              // a value of the vocabulary in prop.vocab
	kRef                // the spdxId of an element of a class in prop.refTo (or a named individual)
	kBlank              // the @id of a CreationInfo blank node
	kObject             // an embedded object of class prop.object
)

// prop describes one property: minimum and maximum count (max 0 = unbounded) and its values.
type prop struct {
	min, max int
	kind     valueKind
	vocab    []string
	refTo    string
	object   string
}

// class describes one SPDX class. restrict holds the external property restrictions: minimum
// counts the class imposes on inherited properties.
type class struct {
	parent   string
	abstract bool
	element  bool // has an spdxId
	props    map[string]prop
	restrict map[string]int
}

// unknowableDates are the restricted properties the validator does not require: the model has
// no NOASSERTION value for xsd:dateTimeStamp and aisec does not invent release or build times
// (see the spdx writer's package comment).
var unknowableDates = map[string]bool{"releaseTime": true, "builtTime": true}

func one(k valueKind) prop              { return prop{max: 1, kind: k} }
func req(k valueKind) prop              { return prop{min: 1, max: 1, kind: k} }
func many(k valueKind) prop             { return prop{kind: k} }
func ref(to string, lo, hi int) prop    { return prop{min: lo, max: hi, kind: kRef, refTo: to} }
func vocab(lo, hi int, v []string) prop { return prop{min: lo, max: hi, kind: kVocab, vocab: v} }
func object(class string) prop          { return prop{kind: kObject, object: class} }

var (
	relationshipTypes = []string{
		"affects", "amendedBy", "ancestorOf", "availableFrom", "configures", "contains",
		"coordinatedBy", "copiedTo", "delegatedTo", "dependsOn", "descendantOf", "describes",
		"doesNotAffect", "expandsTo", "exploitCreatedBy", "fixedBy", "fixedIn", "foundBy",
		"generates", "hasAddedFile", "hasAssessmentFor", "hasAssociatedVulnerability",
		"hasConcludedLicense", "hasDataFile", "hasDeclaredLicense", "hasDeletedFile",
		"hasDependencyManifest", "hasDistributionArtifact", "hasDocumentation", "hasDynamicLink",
		"hasEvidence", "hasExample", "hasHost", "hasInput", "hasMetadata", "hasOptionalComponent",
		"hasOptionalDependency", "hasOutput", "hasPrerequisite", "hasProvidedDependency",
		"hasRequirement", "hasSpecification", "hasStaticLink", "hasTest", "hasTestCase",
		"hasVariant", "invokedBy", "modifiedBy", "other", "packagedBy", "patchedBy", "publishedBy",
		"reportedBy", "republishedBy", "serializedInArtifact", "testedOn", "trainedOn",
		"underInvestigationFor", "usesTool",
	}
	hashAlgorithms = []string{
		"adler32", "blake2b256", "blake2b384", "blake2b512", "blake3", "crystalsDilithium",
		"crystalsKyber", "falcon", "md2", "md4", "md5", "md6", "other", "sha1", "sha224", "sha256",
		"sha384", "sha3_224", "sha3_256", "sha3_384", "sha3_512", "sha512",
	}
	externalIdentifierTypes = []string{
		"cpe22", "cpe23", "cve", "email", "gitoid", "other", "packageUrl", "securityOther", "swhid",
		"swid", "urlScheme",
	}
	externalRefTypes = []string{
		"altDownloadLocation", "altWebPage", "binaryArtifact", "bower", "buildMeta", "buildSystem",
		"certificationReport", "chat", "componentAnalysisReport", "cwe", "documentation",
		"dynamicAnalysisReport", "eolNotice", "exportControlAssessment", "funding", "issueTracker",
		"license", "mailingList", "mavenCentral", "metrics", "npm", "nuget", "other",
		"privacyAssessment", "productMetadata", "purchaseOrder", "qualityAssessmentReport",
		"releaseHistory", "releaseNotes", "riskAssessment", "runtimeAnalysisReport",
		"secureSoftwareAttestation", "securityAdversaryModel", "securityAdvisory", "securityFix",
		"securityOther", "securityPenTestReport", "securityPolicy", "securityThreatModel",
		"socialMedia", "sourceArtifact", "staticAnalysisReport", "support", "vcs",
		"vulnerabilityDisclosureReport", "vulnerabilityExploitabilityAssessment",
	}
	softwarePurposes = []string{
		"application", "archive", "bom", "configuration", "container", "data", "device",
		"deviceDriver", "diskImage", "documentation", "evidence", "executable", "file",
		"filesystemImage", "firmware", "framework", "install", "library", "manifest", "model",
		"module", "operatingSystem", "other", "patch", "platform", "requirement", "source",
		"specification", "test",
	}
	presenceTypes = []string{"yes", "no", "noAssertion"}
	datasetTypes  = []string{
		"audio", "categorical", "graph", "image", "noAssertion", "numeric", "other", "sensor",
		"structured", "syntactic", "text", "timeseries", "timestamp", "video",
	}
	profiles = []string{
		"ai", "build", "core", "dataset", "expandedLicensing", "extension", "lite", "security",
		"simpleLicensing", "software",
	}
)

// individuals are the named individuals a reference may use instead of an element in the
// graph, with their class.
var individuals = map[string]string{
	"NoAssertionElement":                   "IndividualElement",
	"NoneElement":                          "IndividualElement",
	"SpdxOrganization":                     "Organization",
	"expandedlicensing_NoAssertionLicense": "expandedlicensing_IndividualLicensingInfo",
	"expandedlicensing_NoneLicense":        "expandedlicensing_IndividualLicensingInfo",
}

var spdxClasses = map[string]class{
	"Element": {abstract: true, element: true, props: map[string]prop{
		"creationInfo": req(kBlank), "name": one(kString), "summary": one(kString),
		"description": one(kString), "comment": one(kString),
		"verifiedUsing": object("IntegrityMethod"), "externalRef": object("ExternalRef"),
		"externalIdentifier": object("ExternalIdentifier"),
	}},
	"Artifact": {parent: "Element", abstract: true, props: map[string]prop{
		"originatedBy": ref("Agent", 0, 0), "suppliedBy": ref("Agent", 0, 1),
		"builtTime": one(kDateTime), "releaseTime": one(kDateTime), "validUntilTime": one(kDateTime),
		"standardName": many(kString),
	}},
	"software_SoftwareArtifact": {parent: "Artifact", abstract: true, props: map[string]prop{
		"software_primaryPurpose":    vocab(0, 1, softwarePurposes),
		"software_additionalPurpose": vocab(0, 0, softwarePurposes),
		"software_copyrightText":     one(kString), "software_attributionText": many(kString),
	}},
	"software_Package": {parent: "software_SoftwareArtifact", props: map[string]prop{
		"software_downloadLocation": one(kURI), "software_homePage": one(kURI),
		"software_packageUrl": one(kURI), "software_packageVersion": one(kString),
		"software_sourceInfo": one(kString),
	}},
	"software_File": {parent: "software_SoftwareArtifact", props: map[string]prop{
		"software_contentType": one(kString), "software_fileKind": vocab(0, 1, []string{"directory", "file"}),
	}},
	"ai_AIPackage": {parent: "software_Package", props: map[string]prop{
		"ai_autonomyType": vocab(0, 1, presenceTypes), "ai_domain": many(kString),
		"ai_hyperparameter": object("DictionaryEntry"), "ai_informationAboutApplication": one(kString),
		"ai_informationAboutTraining": one(kString), "ai_limitation": one(kString),
		"ai_metric": object("DictionaryEntry"), "ai_metricDecisionThreshold": object("DictionaryEntry"),
		"ai_modelDataPreprocessing": many(kString), "ai_modelExplainability": many(kString),
		"ai_safetyRiskAssessment": vocab(0, 1, []string{"serious", "high", "medium", "low"}),
		"ai_standardCompliance":   many(kString), "ai_typeOfModel": many(kString),
		"ai_useSensitivePersonalInformation": vocab(0, 1, presenceTypes),
	}, restrict: map[string]int{
		"suppliedBy": 1, "software_downloadLocation": 1, "software_packageVersion": 1,
		"software_primaryPurpose": 1, "releaseTime": 1,
	}},
	"dataset_DatasetPackage": {parent: "software_Package", props: map[string]prop{
		"dataset_datasetType": vocab(1, 0, datasetTypes), "dataset_datasetSize": one(kInt),
		"dataset_anonymizationMethodUsed": many(kString),
		"dataset_confidentialityLevel":    vocab(0, 1, []string{"red", "amber", "green", "clear"}),
		"dataset_dataCollectionProcess":   one(kString), "dataset_dataPreprocessing": many(kString),
		"dataset_datasetAvailability": vocab(0, 1, []string{"clickthrough", "directDownload", "query", "registration", "scrapingScript"}),
		"dataset_datasetNoise":        one(kString), "dataset_datasetUpdateMechanism": one(kString),
		"dataset_hasSensitivePersonalInformation": vocab(0, 1, presenceTypes),
		"dataset_intendedUse":                     one(kString), "dataset_knownBias": many(kString),
		"dataset_sensor": object("DictionaryEntry"),
	}, restrict: map[string]int{
		"originatedBy": 1, "software_downloadLocation": 1, "software_primaryPurpose": 1,
		"releaseTime": 1, "builtTime": 1,
	}},
	"Relationship": {parent: "Element", props: map[string]prop{
		"from": ref("Element", 1, 1), "to": ref("Element", 1, 0),
		"relationshipType": vocab(1, 1, relationshipTypes),
		"completeness":     vocab(0, 1, []string{"complete", "incomplete", "noAssertion"}),
		"startTime":        one(kDateTime), "endTime": one(kDateTime),
	}},
	"ElementCollection": {parent: "Element", abstract: true, props: map[string]prop{
		"element": ref("Element", 0, 0), "rootElement": ref("Element", 0, 0),
		"profileConformance": vocab(0, 0, profiles),
	}},
	"SpdxDocument": {parent: "ElementCollection", props: map[string]prop{
		"dataLicense": ref("simplelicensing_AnyLicenseInfo", 0, 1),
	}},
	"Agent":                          {parent: "Element"},
	"Organization":                   {parent: "Agent"},
	"Person":                         {parent: "Agent"},
	"SoftwareAgent":                  {parent: "Agent"},
	"Tool":                           {parent: "Element"},
	"IndividualElement":              {parent: "Element", abstract: true},
	"simplelicensing_AnyLicenseInfo": {parent: "Element", abstract: true},
	"simplelicensing_LicenseExpression": {parent: "simplelicensing_AnyLicenseInfo", props: map[string]prop{
		"simplelicensing_licenseExpression":  req(kString),
		"simplelicensing_licenseListVersion": one(kString),
		"simplelicensing_customIdToUri":      object("DictionaryEntry"),
	}},
	"expandedlicensing_IndividualLicensingInfo": {parent: "simplelicensing_AnyLicenseInfo", abstract: true},
	// Classes that are not elements: the blank-node creation info and embedded objects.
	"CreationInfo": {props: map[string]prop{
		"specVersion": req(kString), "created": req(kDateTime), "createdBy": ref("Agent", 1, 0),
		"createdUsing": ref("Tool", 0, 0), "comment": one(kString),
	}},
	"IntegrityMethod": {abstract: true, props: map[string]prop{"comment": one(kString)}},
	"Hash": {parent: "IntegrityMethod", props: map[string]prop{
		"algorithm": vocab(1, 1, hashAlgorithms), "hashValue": req(kString),
	}},
	"DictionaryEntry": {props: map[string]prop{"key": req(kString), "value": one(kString)}},
	"ExternalIdentifier": {props: map[string]prop{
		"externalIdentifierType": vocab(1, 1, externalIdentifierTypes), "identifier": req(kString),
		"comment": one(kString), "identifierLocator": many(kURI), "issuingAuthority": one(kString),
	}},
	"ExternalRef": {props: map[string]prop{
		"externalRefType": vocab(0, 1, externalRefTypes), "locator": many(kString),
		"contentType": one(kString), "comment": one(kString),
	}},
}
