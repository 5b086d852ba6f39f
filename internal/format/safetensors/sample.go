package safetensors

import (
	"context"
	"fmt"
	"io"
	"slices"
)

// sample reads bounded copies of the bytes the detectors look into: the head (and, for large
// regions, the tail) of every uncovered data region, and the first bytes of tensors, byte
// tensors first since a payload stored as a tensor is most naturally a U8 array.
func sample(ctx context.Context, f *File, r io.ReaderAt) error {
	budget := int64(MaxSampleBytes)
	for i := range f.Regions {
		reg := &f.Regions[i]
		if reg.Kind == RegionHeader || budget <= 0 {
			continue
		}
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("unable to sample uncovered bytes: %w", err)
		}
		n := min(reg.End-reg.Start, RegionHeadBytes, budget)
		s, err := readSample(r, reg.Start, n)
		if err != nil {
			return fmt.Errorf("unable to read uncovered bytes at offset %d: %w", reg.Start, err)
		}
		reg.Samples, budget = append(reg.Samples, s), budget-n
		if rest := reg.End - reg.Start - n; rest > 0 && budget > 0 {
			m := min(rest, RegionTailBytes, budget)
			s, err := readSample(r, reg.End-m, m)
			if err != nil {
				return fmt.Errorf("unable to read uncovered bytes at offset %d: %w", reg.End-m, err)
			}
			reg.Samples, budget = append(reg.Samples, s), budget-m
		}
	}
	return sampleHeads(ctx, f, r)
}

// sampleHeads reads the first TensorHeadBytes of up to MaxTensorHeads tensors that lie inside
// the data section.
func sampleHeads(ctx context.Context, f *File, r io.ReaderAt) error {
	var picks []int
	for i, t := range f.Tensors {
		if t.Valid && t.Begin < t.End && t.End <= uint64(max(f.DataLen, 0)) {
			picks = append(picks, i)
		}
	}
	slices.SortStableFunc(picks, func(a, b int) int { return byteRank(f.Tensors[a].DType) - byteRank(f.Tensors[b].DType) })
	if len(picks) > MaxTensorHeads {
		picks = picks[:MaxTensorHeads]
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("unable to sample tensor data: %w", err)
	}
	for _, i := range picks {
		t := f.Tensors[i]
		n := int64(min(t.End-t.Begin, TensorHeadBytes))
		s, err := readSample(r, f.DataStart+int64(t.Begin), n)
		if err != nil {
			return fmt.Errorf("unable to read the data of tensor %s: %w", quote(t.Name), err)
		}
		s.Tensor = t.Name
		f.Heads = append(f.Heads, s)
	}
	return nil
}

// byteRank orders byte-typed tensors before the rest.
func byteRank(dtype string) int {
	switch dtype {
	case "U8", "I8", "BOOL":
		return 0
	}
	return 1
}

func readSample(r io.ReaderAt, off, n int64) (Sample, error) {
	b := make([]byte, n)
	if err := readAt(r, b, off); err != nil {
		return Sample{}, err
	}
	return Sample{Offset: off, Bytes: b}, nil
}
