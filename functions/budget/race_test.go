//go:build race

package budget

// raceDetector: the race detector changes what the runtime allocates and holds, and slows every
// call several times, so the budget is measured without it (make test runs this package twice).
const raceDetector = true
