// Package budget holds the memory budget test (budget_test.go): for every entry point of the
// route table, its worst accepted input, 80 calls at once against one instance, must stay within
// the memory a deployed function has (docs/testing.md). It has no code outside its tests.
package budget
