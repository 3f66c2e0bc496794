// Package faults holds fault-injection tests: a running OpenPlay instance, under load, while
// Firestore stops answering and restarts, while Pub/Sub is down, while it is itself killed with
// SIGKILL between commit and publish, and while Firestore is slow. Each test counts what the
// players saw (answers by status, the slowest one) and what was lost (acknowledged writes missing
// from the store, notifications missing from or repeated in their recipients' inboxes), prints
// the figures, and fails unless nothing was lost. The faults are put between the instance and
// the emulators by a proxy (shared/testenv/faultproxy), so the emulators and the other tests
// that share them see none. docs/testing.md has the figures of a run.
package faults
