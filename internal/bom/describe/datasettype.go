package describe

import (
	"sort"
	"strings"
)

// SPDX 3.0.1 dataset_DatasetType values set by DatasetTypes.
const (
	TypeAudio      = "audio"
	TypeGraph      = "graph"
	TypeImage      = "image"
	TypeOther      = "other"
	TypeSensor     = "sensor"
	TypeStructured = "structured"
	TypeText       = "text"
	TypeTimeseries = "timeseries"
	TypeVideo      = "video"
)

// taskTypes maps Hugging Face task categories (the hub's task ids) to the SPDX dataset types
// of the data they work on.
var taskTypes = map[string][]string{
	"text-classification": {TypeText}, "token-classification": {TypeText}, "table-question-answering": {TypeStructured, TypeText},
	"question-answering": {TypeText}, "zero-shot-classification": {TypeText}, "translation": {TypeText},
	"summarization": {TypeText}, "feature-extraction": {TypeText}, "text-generation": {TypeText},
	"text2text-generation": {TypeText}, "fill-mask": {TypeText}, "sentence-similarity": {TypeText},
	"conversational": {TypeText}, "multiple-choice": {TypeText}, "text-retrieval": {TypeText}, "text-ranking": {TypeText},
	"image-classification": {TypeImage}, "object-detection": {TypeImage}, "image-segmentation": {TypeImage},
	"image-to-text": {TypeImage, TypeText}, "text-to-image": {TypeImage, TypeText}, "depth-estimation": {TypeImage},
	"image-to-image": {TypeImage}, "unconditional-image-generation": {TypeImage}, "mask-generation": {TypeImage},
	"zero-shot-image-classification": {TypeImage, TypeText}, "zero-shot-object-detection": {TypeImage, TypeText},
	"keypoint-detection": {TypeImage}, "image-feature-extraction": {TypeImage},
	"visual-question-answering": {TypeImage, TypeText}, "document-question-answering": {TypeImage, TypeText},
	"image-text-to-text": {TypeImage, TypeText}, "visual-document-retrieval": {TypeImage, TypeText},
	"automatic-speech-recognition": {TypeAudio, TypeText}, "audio-classification": {TypeAudio},
	"text-to-speech": {TypeAudio, TypeText}, "text-to-audio": {TypeAudio, TypeText}, "audio-to-audio": {TypeAudio},
	"voice-activity-detection": {TypeAudio}, "audio-text-to-text": {TypeAudio, TypeText},
	"video-classification": {TypeVideo}, "text-to-video": {TypeVideo, TypeText}, "video-text-to-text": {TypeVideo, TypeText},
	"image-to-video":         {TypeVideo, TypeImage},
	"tabular-classification": {TypeStructured}, "tabular-regression": {TypeStructured}, "tabular-to-text": {TypeStructured, TypeText},
	"time-series-forecasting": {TypeTimeseries}, "graph-ml": {TypeGraph}, "robotics": {TypeSensor},
	"reinforcement-learning": {TypeOther}, "text-to-3d": {TypeOther, TypeText}, "image-to-3d": {TypeOther, TypeImage},
}

// modalityTypes maps the hub's "modality:<m>" tags to SPDX dataset types.
var modalityTypes = map[string]string{
	"text": TypeText, "image": TypeImage, "audio": TypeAudio, "video": TypeVideo, "tabular": TypeStructured,
	"timeseries": TypeTimeseries, "time-series": TypeTimeseries, "geospatial": TypeOther, "3d": TypeOther,
	"document": TypeText, "graph": TypeGraph,
}

// DatasetTypes derives SPDX dataset types from a dataset card's task_categories and tags
// ("modality:image"…); unknown tabular-* and time-series-* categories count as structured and
// timeseries. The result is sorted and has no duplicates; it is empty when nothing is known
// (the caller then writes "noAssertion").
func DatasetTypes(taskCategories, tags []string) []string {
	set := map[string]bool{}
	for _, t := range taskCategories {
		t = strings.ToLower(strings.TrimSpace(t))
		for _, v := range taskTypes[t] {
			set[v] = true
		}
		switch {
		case strings.HasPrefix(t, "tabular-"):
			set[TypeStructured] = true
		case strings.HasPrefix(t, "time-series-"):
			set[TypeTimeseries] = true
		}
	}
	for _, tag := range tags {
		if m, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(tag)), "modality:"); ok && modalityTypes[m] != "" {
			set[modalityTypes[m]] = true
		}
	}
	out := make([]string, 0, len(set))
	for v := range set {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}
