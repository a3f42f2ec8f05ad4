//go:build !linux

package matching

import "time"

// threadCPU is not measured on this system; see cputime_linux_test.go.
func threadCPU() (time.Duration, bool) { return 0, false }
