// Command function serves one entry point the way Cloud Functions does: the root package
// registers every route with the Functions Framework, and FUNCTION_TARGET (an entry point name
// such as RoomsCreate) picks the one served, at every path, on 127.0.0.1:$PORT (default 8080).
// Use it to check a single function before deploying it; `make run` serves all of them.
package main

import (
	"fmt"
	"os"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"

	_ "github.com/openplay-games/openplay" // registers the entry points
)

func main() {
	if os.Getenv("FUNCTION_TARGET") == "" {
		fmt.Fprintln(os.Stderr, "function: set FUNCTION_TARGET to an entry point name, for example RoomsCreate")
		os.Exit(2)
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
