package main

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// On the emulators the calls' CPU is spent in several processes on the same cores: the dev
// server, the Firestore and Pub/Sub emulators (JVMs), the Auth emulator and the load generator
// itself (and the HTTP floor's server, busy only while the HTTP floor is measured). When the
// machine is saturated, latency follows the CPU all of them spend per call, so a phase reports
// each one's share, not only the server's.

// process is one process of the machine whose CPU time a phase reports.
type process struct {
	name string
	pid  int
}

// The processes' names.
const (
	procServer    = "dev server"
	procFirestore = "Firestore emulator"
	procPubSub    = "Pub/Sub emulator"
	procAuth      = "Auth emulator"
	procLoad      = "load generator"
	procHTTPFloor = "HTTP floor server"
)

// machineProcesses are the dev server (pid), the HTTP floor's server, the emulators listening
// at the given addresses (an emulator not found on this machine, or not readable, is left out)
// and this process.
func machineProcesses(server, httpFloor int, firestore, pubsub, auth string) []process {
	procs := []process{{name: procServer, pid: server}, {name: procHTTPFloor, pid: httpFloor}}
	for _, e := range []struct{ name, addr string }{{procFirestore, firestore}, {procPubSub, pubsub}, {procAuth, auth}} {
		if pid := listenerPID(e.addr); pid > 0 {
			procs = append(procs, process{name: e.name, pid: pid})
		}
	}
	return append(procs, process{name: procLoad, pid: os.Getpid()})
}

// cpuTimes is each process's CPU time so far, in the order of procs.
func cpuTimes(procs []process) []time.Duration {
	out := make([]time.Duration, len(procs))
	for i, p := range procs {
		out[i] = cpuTime(p.pid)
	}
	return out
}

// cpuPerCall is the CPU time each process spent since from (cpuTimes at the phase's start) per
// call, in milliseconds by process name.
func cpuPerCall(procs []process, from []time.Duration, calls int) map[string]float64 {
	out := map[string]float64{}
	for i, now := range cpuTimes(procs) {
		out[procs[i].name] = ms((now - from[i]) / time.Duration(max(1, calls)))
	}
	return out
}

// cpuTime is the CPU time (user and system, every thread's) process pid has used:
// /proc/PID/stat's fields 14 and 15, in clock ticks of 1/100 s on Linux. It is 0 if the
// process cannot be read.
func cpuTime(pid int) time.Duration {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])) // from field 3, the state
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// listenerPID is the process listening on addr's TCP port on this machine, or 0: the listening
// sockets of that port in /proc/net/tcp and tcp6, then the process that holds one of them open.
func listenerPID(addr string) int {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return 0
	}
	n, err := strconv.ParseUint(port, 10, 16)
	if err != nil {
		return 0
	}
	suffix := fmt.Sprintf(":%04X", n)
	sockets := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		raw, _ := os.ReadFile(table)
		for _, line := range strings.Split(string(raw), "\n")[1:] {
			// sl local_address rem_address st … inode: the local address ends in :PORT in hex,
			// and st 0A is LISTEN.
			f := strings.Fields(line)
			if len(f) > 9 && f[3] == "0A" && strings.HasSuffix(f[1], suffix) {
				sockets["socket:["+f[9]+"]"] = true
			}
		}
	}
	if len(sockets) == 0 {
		return 0
	}
	fds, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range fds {
		if target, err := os.Readlink(fd); err == nil && sockets[target] {
			pid, _ := strconv.Atoi(strings.Split(fd, "/")[2])
			return pid
		}
	}
	return 0
}
