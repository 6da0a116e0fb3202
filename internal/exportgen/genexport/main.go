// Command genexport writes a made-up forms export of N responses (see
// package exportgen): `go run ./internal/exportgen/genexport -n 100000 -out export.csv`.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/liaisonapp/liaison/internal/exportgen"
)

func main() {
	n := flag.Int("n", 71, "how many responses")
	out := flag.String("out", "", "the CSV file to write")
	flag.Parse()
	if err := run(*n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "genexport:", err)
		os.Exit(1)
	}
}

func run(n int, out string) error {
	if out == "" {
		return fmt.Errorf("say where to write the export with -out FILE")
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := exportgen.Write(f, n); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
