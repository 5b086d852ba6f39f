package describe

import (
	"path"
	"sort"
	"strings"
)

// Image folder thresholds.
const (
	minImages     = 10
	minImageShare = 0.8
	maxClasses    = 10_000
)

var imageExts = map[string]bool{".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".webp": true,
	".tif": true, ".tiff": true}

// ImageFolder reports whether a folder with these files (paths relative to it, "/" or "\"
// separated) is an image dataset: at least 10 images making at least 80% of its files
// (hidden files, READMEs, licenses and the metadata.csv/jsonl/parquet of Hugging Face's
// imagefolder loader are not counted). Classes are the names of the folders holding images,
// split folders (train, test, validation…) aside: train/cat/1.jpg is class "cat". They are
// sorted; an unlabelled folder has none.
func ImageFolder(files []string) (ok bool, classes []string) {
	images, counted := 0, 0
	set := map[string]bool{}
	for _, f := range files {
		f = strings.ReplaceAll(f, "\\", "/")
		base := path.Base(f)
		if ignoredFile(base) {
			continue
		}
		counted++
		if !imageExts[strings.ToLower(path.Ext(base))] {
			continue
		}
		images++
		if dir := path.Dir(f); dir != "." && dir != "/" {
			class := path.Base(dir)
			if !splitTokens[strings.ToLower(class)] && len(set) < maxClasses {
				set[class] = true
			}
		}
	}
	if images < minImages || float64(images) < minImageShare*float64(counted) {
		return false, nil
	}
	for c := range set {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	return true, classes
}

func ignoredFile(base string) bool {
	lower := strings.ToLower(base)
	if strings.HasPrefix(lower, ".") || strings.HasPrefix(lower, "readme") || strings.HasPrefix(lower, "license") {
		return true
	}
	switch lower {
	case "metadata.csv", "metadata.jsonl", "metadata.parquet", "thumbs.db":
		return true
	}
	return false
}
