// Command function serves one entry point the way Cloud Functions does: the root package
// registers every route with the Functions Framework, and the entry point named on the command
// line (such as RoomsCreate) is the one served, at every path, on 127.0.0.1:$PORT (default 8080).
// Use it to check a single function before deploying it; `make run` serves all of them.
//
//	go run ./functions/cmd/function RoomsCreate
//
// The name is an argument rather than FUNCTION_TARGET in the environment because FUNCTION_TARGET
// marks the Functions Framework as Google Cloud runs it, where an emulator-only project is refused
// (see shared/config); this command sets it only after the root package has checked its
// configuration.
package main

import (
	"fmt"
	"os"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"

	_ "github.com/openplay-games/openplay" // registers the entry points
)

func main() {
	if len(os.Args) != 2 || os.Args[1] == "" || os.Args[1][0] == '-' {
		fmt.Fprintln(os.Stderr, "usage: function ENTRY_POINT (an entry point name from functions/routes.go, for example RoomsCreate)")
		os.Exit(2)
	}
	if err := os.Setenv("FUNCTION_TARGET", os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "function:", err)
		os.Exit(1)
	}
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	if err := funcframework.StartHostPort("127.0.0.1", port); err != nil {
		fmt.Fprintln(os.Stderr, "function:", err)
		os.Exit(1)
	}
}
