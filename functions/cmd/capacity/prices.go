package main

// prices are Google's list prices in US dollars, read on 2026-12-05 (docs/capacity.md cites the
// page of each and says which could not be read there).
type prices struct {
	read, write   float64 // Firestore, per document
	invocation    float64 // Cloud Run functions (2nd gen is billed as Cloud Run), per request
	vcpuSecond    float64 // CPU allocated while a request is processed
	gibSecond     float64 // memory likewise
	pubsubPerByte float64 // throughput, publish and delivery alike
	gatewayCall   float64 // API Gateway, per call (2 million to 1 billion calls a month)
}

var listPrices = prices{
	read:          0.03 / 100_000, // an assumption: see docs/capacity.md
	write:         0.09 / 100_000, // likewise
	invocation:    0.40 / 1_000_000,
	vcpuSecond:    0.000024,
	gibSecond:     0.0000025,
	pubsubPerByte: 40.0 / (1 << 40),
	gatewayCall:   3.00 / 1_000_000,
}

const (
	// pubsubMinBytes is what Pub/Sub bills a publish or push request of one small message.
	pubsubMinBytes = 1000
	// An OpenPlay function has 1 vCPU and 128 MiB (functions/deploy/plan.go). It is billed for
	// both while it serves a request: at least the CPU-seconds its calls used (an instance kept
	// busy computing), and that long of its memory.
	functionVCPU = 1
	functionGiB  = 0.125
)

// bill is what Google bills for a cost: each notification a call owes is an outbox record (in
// the call's writes), a mark that it was sent (written after the answer, in no call's measured
// cost), a publish and a push to its consumer (a function invocation) that writes it into the
// recipient's inbox (an invitation in one transaction that also reads and writes the
// recipient's invitation window: shared/store DeliverInvitation). A player's calls come through
// API Gateway; the push consumers and the scheduled passes do not.
type bill struct {
	reads, writes, invocations, gatewayCalls, messages, cpuSeconds float64
}

func billOf(c cost) bill {
	o := c.ops
	return bill{
		reads:        o.reads + 2*o.invitations,
		writes:       o.writes + o.notes + (o.notes - o.invitations) + 2*o.invitations,
		invocations:  o.invocations + o.notes,
		gatewayCalls: o.invocations,
		messages:     o.notes,
		cpuSeconds:   c.cpuSeconds,
	}
}

func (b bill) add(c bill, times float64) bill {
	return bill{b.reads + c.reads*times, b.writes + c.writes*times, b.invocations + c.invocations*times,
		b.gatewayCalls + c.gatewayCalls*times, b.messages + c.messages*times, b.cpuSeconds + c.cpuSeconds*times}
}

// usd is the bill at p, by service.
func (p prices) usd(b bill) (firestore, pubsub, functions, gateway float64) {
	firestore = b.reads*p.read + b.writes*p.write
	pubsub = b.messages * 2 * pubsubMinBytes * p.pubsubPerByte
	functions = b.invocations*p.invocation + b.cpuSeconds*p.vcpuSecond + b.cpuSeconds/functionVCPU*functionGiB*p.gibSecond
	return firestore, pubsub, functions, b.gatewayCalls * p.gatewayCall
}
