package main

import (
	"net"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListenerPID(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "[::1]:0"} {
		l, err := net.Listen("tcp", addr)
		if err != nil && addr == "[::1]:0" {
			continue // no IPv6 on this machine
		}
		require.NoError(t, err)
		assert.Equal(t, os.Getpid(), listenerPID(l.Addr().String()), "the process listening at %s", l.Addr())
		require.NoError(t, l.Close())
	}
	assert.Zero(t, listenerPID("127.0.0.1"), "no port")
	assert.Zero(t, listenerPID("127.0.0.1:http-alt"), "a port by name")
}

func TestCPUTime(t *testing.T) {
	assert.Zero(t, cpuTime(-1), "no such process")
	start := cpuTime(os.Getpid())
	deadline := time.Now().Add(10 * time.Second) // bounds the test; what is asserted is the count
	spins := 0
	for cpuTime(os.Getpid()) == start && time.Now().Before(deadline) {
		spins++ // reading /proc and spinning costs CPU time, which the kernel counts in ticks
	}
	assert.Greater(t, cpuTime(os.Getpid()), start, "CPU time after %d spins", spins)
}

func TestMachineCPUColumns(t *testing.T) {
	w := row{}
	total, split := w.machineCPU()
	assert.Empty(t, total+split, "a row without CPU figures")
	w.withCPU(map[string]float64{procServer: 1.5, procFirestore: 1, procPubSub: 0.25, procLoad: 0.5})
	assert.Equal(t, 1.5, w.CPUPerCall, "the server's")
	total, split = w.machineCPU()
	assert.Equal(t, "3.25", total)
	assert.Equal(t, "1.00 / 0.25 / – / 0.50", split, "the Auth emulator was not found")
}
