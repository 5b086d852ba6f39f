package spdx

// The structs below are the SPDX 3.0.1 classes the writer emits, serialised with the compact
// names of the JSON-LD context https://spdx.org/rdf/3.0.1/spdx-context.jsonld. Field order is
// output order; every optional field is omitempty.

// creationInfo is the blank node every element points to.
type creationInfo struct {
	Type         string   `json:"type"`
	ID           string   `json:"@id"`
	SpecVersion  string   `json:"specVersion"`
	Created      string   `json:"created"`
	CreatedBy    []string `json:"createdBy"`
	CreatedUsing []string `json:"createdUsing,omitempty"`
}

// element holds the properties of Core/Element.
type element struct {
	Type               string               `json:"type"`
	SpdxID             string               `json:"spdxId"`
	CreationInfo       string               `json:"creationInfo"`
	Name               string               `json:"name,omitempty"`
	Summary            string               `json:"summary,omitempty"`
	Description        string               `json:"description,omitempty"`
	Comment            string               `json:"comment,omitempty"`
	VerifiedUsing      []hashValue          `json:"verifiedUsing,omitempty"`
	ExternalRef        []externalRef        `json:"externalRef,omitempty"`
	ExternalIdentifier []externalIdentifier `json:"externalIdentifier,omitempty"`
}

// document is Core/SpdxDocument.
type document struct {
	element
	DataLicense        string   `json:"dataLicense,omitempty"`
	RootElement        []string `json:"rootElement,omitempty"`
	Element            []string `json:"element,omitempty"`
	ProfileConformance []string `json:"profileConformance,omitempty"`
}

// pkg is Software/Package and its subclasses AI/AIPackage and Dataset/DatasetPackage, with the
// Core/Artifact and Software/SoftwareArtifact properties they inherit.
type pkg struct {
	element
	// Core/Artifact
	OriginatedBy []string `json:"originatedBy,omitempty"`
	SuppliedBy   string   `json:"suppliedBy,omitempty"`
	BuiltTime    string   `json:"builtTime,omitempty"`
	ReleaseTime  string   `json:"releaseTime,omitempty"`
	// Software/SoftwareArtifact and Software/Package
	PrimaryPurpose   string `json:"software_primaryPurpose,omitempty"`
	PackageVersion   string `json:"software_packageVersion,omitempty"`
	DownloadLocation string `json:"software_downloadLocation,omitempty"`
	PackageURL       string `json:"software_packageUrl,omitempty"`
	HomePage         string `json:"software_homePage,omitempty"`
	// AI/AIPackage
	AutonomyType                string      `json:"ai_autonomyType,omitempty"`
	Domain                      []string    `json:"ai_domain,omitempty"`
	TypeOfModel                 []string    `json:"ai_typeOfModel,omitempty"`
	Hyperparameter              []dictEntry `json:"ai_hyperparameter,omitempty"`
	Metric                      []dictEntry `json:"ai_metric,omitempty"`
	InformationAboutApplication string      `json:"ai_informationAboutApplication,omitempty"`
	InformationAboutTraining    string      `json:"ai_informationAboutTraining,omitempty"`
	Limitation                  string      `json:"ai_limitation,omitempty"`
	// Dataset/DatasetPackage
	DatasetType []string `json:"dataset_datasetType,omitempty"`
	DatasetSize int64    `json:"dataset_datasetSize,omitempty"`
}

// file is Software/File.
type file struct {
	element
	PrimaryPurpose string `json:"software_primaryPurpose,omitempty"`
	FileKind       string `json:"software_fileKind,omitempty"`
}

// relationship is Core/Relationship.
type relationship struct {
	element
	From             string   `json:"from"`
	RelationshipType string   `json:"relationshipType"`
	To               []string `json:"to"`
}

// licenseExpression is SimpleLicensing/LicenseExpression.
type licenseExpression struct {
	element
	LicenseExpression string `json:"simplelicensing_licenseExpression"`
}

// hashValue is Core/Hash.
type hashValue struct {
	Type      string `json:"type"`
	Algorithm string `json:"algorithm"`
	HashValue string `json:"hashValue"`
}

// dictEntry is Core/DictionaryEntry.
type dictEntry struct {
	Type  string `json:"type"`
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
}

// externalIdentifier is Core/ExternalIdentifier.
type externalIdentifier struct {
	Type                   string `json:"type"`
	ExternalIdentifierType string `json:"externalIdentifierType"`
	Identifier             string `json:"identifier"`
}

// externalRef is Core/ExternalRef.
type externalRef struct {
	Type            string   `json:"type"`
	ExternalRefType string   `json:"externalRefType"`
	Locator         []string `json:"locator,omitempty"`
	Comment         string   `json:"comment,omitempty"`
}
