package manifest

import (
	"context"
	"sort"
	"strconv"
)

// Build enumerates the model at modelPath (a directory or a single file), hashes every
// selected file in parallel with bounded buffers, and returns the manifest in
// model_signing's order.
func Build(ctx context.Context, modelPath string, o Options) (*Manifest, error) {
	o, err := o.normalized()
	if err != nil {
		return nil, err
	}
	m, err := openModel(modelPath, o.AllowSymlinks)
	if err != nil {
		return nil, err
	}
	ign := buildIgnores(m.root, o)
	files, err := m.enumerate(ign, o.AllowSymlinks)
	if err != nil {
		return nil, err
	}
	return hashFiles(ctx, m, files, ign, o)
}

// hashFiles sorts files, hashes them per o and assembles the manifest.
func hashFiles(ctx context.Context, m *model, files []file, ign ignoreSet, o Options) (*Manifest, error) {
	sort.Slice(files, func(i, j int) bool { return lessPath(files[i].rel, files[j].rel) })
	tasks := makeTasks(files, o)
	digests, err := hashAll(ctx, tasks, o.Hash, o.Jobs)
	if err != nil {
		return nil, err
	}
	alg := o.algorithm()
	entries := make([]Entry, len(tasks))
	for i, t := range tasks {
		entries[i] = Entry{Name: taskName(t), Algorithm: alg, Digest: digests[i]}
	}
	return &Manifest{
		ModelName:     m.name,
		Entries:       entries,
		Serialization: serializationOf(o),
		IgnorePaths:   []string(ign),
	}, nil
}

// makeTasks turns sorted files into hashing tasks: one per file, or one per shard (none for
// empty files) in (path, start) order.
func makeTasks(files []file, o Options) []task {
	tasks := make([]task, 0, len(files))
	for i := range files {
		f := &files[i]
		if o.Serialization != MethodShards {
			tasks = append(tasks, task{f: f, start: 0, end: -1})
			continue
		}
		size := f.info.Size()
		for start := int64(0); start < size; start += o.ShardSize {
			tasks = append(tasks, task{f: f, start: start, end: min(start+o.ShardSize, size)})
		}
	}
	return tasks
}

// taskName is the manifest name of a task.
func taskName(t task) string {
	if t.end < 0 {
		return t.f.rel
	}
	return t.f.rel + ":" + strconv.FormatInt(t.start, 10) + ":" + strconv.FormatInt(t.end, 10)
}

// serializationOf describes o as recorded in the payload.
func serializationOf(o Options) Serialization {
	s := Serialization{Method: o.Serialization, HashType: o.Hash, AllowSymlinks: o.AllowSymlinks}
	if o.Serialization == MethodShards {
		s.ShardSize = o.ShardSize
	}
	return s
}
