// Command gotest runs the whole test suite and says plainly what it did:
// a line per package, the output of every failing test, the suites that
// were skipped for want of a server (and how to run them), and a closing
// "N passed, N failed, N skipped" line.
//
//	go run ./.ci/gotest            all packages
//	go run ./.ci/gotest -race      extra flags go to go test
//
// It wraps `go test -json -count=1 ./...` and exits with its status.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64
}

func main() {
	args := append([]string{"test", "-json", "-count=1", "-timeout=30m"}, os.Args[1:]...)
	args = append(args, "./...")
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gotest:", err)
		os.Exit(2)
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "gotest:", err)
		os.Exit(2)
	}

	var (
		outputs          = map[string][]string{} // package/test → lines
		passed, failed   int
		skipped          int
		skipReasons      = map[string][]string{} // reason → tests
		failedTests      []string
		packagesWithFail int
	)
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // build output that is not JSON
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output", "build-output":
			outputs[key] = append(outputs[key], e.Output)
		case "pass":
			if e.Test == "" {
				fmt.Printf("ok   %s\t%.1fs\n", e.Package, e.Elapsed)
			} else {
				passed++
			}
			delete(outputs, key)
		case "skip":
			if e.Test == "" {
				delete(outputs, key)
				continue
			}
			skipped++
			reason := skipReason(outputs[key])
			skipReasons[reason] = append(skipReasons[reason], e.Package+"."+e.Test)
			delete(outputs, key)
		case "fail", "build-fail":
			if e.Test == "" {
				packagesWithFail++
				fmt.Printf("FAIL %s\t%.1fs\n", e.Package, e.Elapsed)
				// Package-level output: build errors, panics, TestMain.
				for _, l := range outputs[key] {
					fmt.Print("     " + l)
				}
			} else {
				failed++
				failedTests = append(failedTests, e.Package+"."+e.Test)
				fmt.Printf("--- FAIL: %s (%s)\n", e.Test, e.Package)
				for _, l := range outputs[key] {
					fmt.Print("    " + l)
				}
			}
			delete(outputs, key)
		}
	}
	err = cmd.Wait()

	if len(skipReasons) > 0 {
		fmt.Println("\nSkipped (a server these suites need is not configured):")
		reasons := make([]string, 0, len(skipReasons))
		for r := range skipReasons {
			reasons = append(reasons, r)
		}
		sort.Strings(reasons)
		for _, r := range reasons {
			fmt.Printf("  %s — %d tests, e.g. %s\n", r, len(skipReasons[r]), skipReasons[r][0])
		}
	}
	if len(failedTests) > 0 {
		fmt.Println("\nFailed tests:")
		for _, t := range failedTests {
			fmt.Println("  " + t)
		}
	}
	fmt.Printf("\n(%s)\n", time.Since(start).Round(time.Second))
	fmt.Printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	if err != nil || failed > 0 || packagesWithFail > 0 {
		os.Exit(1)
	}
}

// skipReason finds the message a test gave to t.Skip: the last output
// line that is not go test's own "--- SKIP" or "=== RUN" bookkeeping.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "===") {
			continue
		}
		if _, msg, ok := strings.Cut(l, ": "); ok && strings.Contains(l, ".go:") {
			return msg
		}
		return l
	}
	return "(no reason given)"
}
