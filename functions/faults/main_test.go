package faults_test

import (
	"os"
	"testing"
)

// TestMain runs the tests and prints their figures; started as an instance by the crash test
// (see instance_test.go), the binary serves OpenPlay instead.
func TestMain(m *testing.M) {
	if os.Getenv(instanceEnv) != "" {
		serveInstance()
		return
	}
	code := m.Run()
	printSummary()
	os.Exit(code)
}
