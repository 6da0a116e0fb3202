package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportMessagesFlags is `liaison export messages --kind KIND --out FILE`:
// the round's messages of one kind as a mail-merge CSV for Outlook, or,
// with --to and an .eml file, one message as an unsent draft. Nothing is
// sent.
func exportMessagesFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	kindName := fs.String("kind", "", "the `KIND` of message: intro, reminder, chaser or invitation")
	to := fs.String("to", "", "with --out FILE.eml, the `EMAIL` of the one recipient to draft for")
	organiser := fs.String("organiser", "", "the `NAME` to sign with (saved for next time)")
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		kind, err := tasks.ParseMessageKind(*kindName)
		if err != nil {
			return nil, "", usageErrorf("--kind: %s", store.ErrorMessage(err))
		}
		sign := strings.TrimSpace(*organiser)
		if sign == "" {
			if sign, err = env.DB.Setting(env.Ctx, tasks.SettingOrganiser, tasks.DefaultOrganiser); err != nil {
				return nil, "", err
			}
		} else if err := env.DB.SetSetting(env.Ctx, tasks.SettingOrganiser, sign); err != nil {
			return nil, "", err
		}
		ms, err := tasks.Messages(env.Ctx, env.DB, r, kind, env.Now(), sign)
		if err != nil {
			return nil, "", err
		}
		out := fs.Lookup("out").Value.String()
		if strings.HasSuffix(strings.ToLower(out), ".eml") {
			var one []tasks.Message
			for _, m := range ms {
				if strings.EqualFold(m.Email, strings.TrimSpace(*to)) {
					one = append(one, m)
				}
			}
			if *to == "" || len(one) == 0 {
				return nil, "", store.Errorf(store.EINVALID, "An .eml draft is one message: give --to with the email of one of the %s recipients.", store.Thousands(len(ms)))
			}
			now := env.Now()
			return func(w io.Writer) error { return tasks.WriteEML(w, one[0], now) }, "a " + string(kind) + " draft to " + one[0].Email, nil
		}
		if len(ms) == 0 {
			return nil, "", store.Errorf(store.EINVALID, "No %s messages are due today; nothing was written.", kind)
		}
		return func(w io.Writer) error { return tasks.WriteMailMerge(w, ms) }, store.Plural(len(ms), string(kind)+" message", string(kind)+" messages"), nil
	})
}

// templateFlags is `liaison template KIND [--subject S] [--body-file F]
// [--reset]`: show or change the round's message template.
func templateFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	subject := fs.String("subject", "", "a new `SUBJECT` line")
	bodyFile := fs.String("body-file", "", "a text `FILE` holding the new body")
	reset := fs.Bool("reset", false, "go back to Liaison's own template")
	return func(env *Env, args []string) error {
		kind, err := tasks.ParseMessageKind(args[0])
		if err != nil {
			return usageErrorf("%s", store.ErrorMessage(err))
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		t, err := tasks.LoadTemplate(env.Ctx, env.DB, r.ID, kind)
		if err != nil && !*reset {
			return err
		}
		changed := *reset || *subject != "" || *bodyFile != ""
		if *reset {
			t = tasks.DefaultTemplates[kind]
		}
		if *subject != "" {
			t.Subject = *subject
		}
		if *bodyFile != "" {
			b, err := os.ReadFile(*bodyFile)
			if err != nil {
				return store.Errorf(store.EINVALID, "Cannot read %s: %v", *bodyFile, err)
			}
			t.Body = strings.TrimPrefix(string(b), "\ufeff")
		}
		if changed {
			if err := tasks.SaveTemplate(env.Ctx, env.DB, r.ID, kind, t); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "Saved the %s template of %q.\n", kind, r.Name)
		}
		fmt.Fprintf(env.Stdout, "Subject: %s\n\n%s\n", t.Subject, t.Body)
		return nil
	}
}

func messagesHelp() string {
	return "Writes what Outlook's mail merge reads (one row per recipient, with the filled-in Subject and\n" +
		"Message and every field) or one unsent .eml draft; Liaison never sends anything.\n" +
		"  intro       each person of each pair, introducing their partner\n" +
		"  reminder    both people of a pair with a visit in the next 14 days\n" +
		"  chaser      both people of a pair with a visit overdue, or done without a reflection\n" +
		"  invitation  the invited participants of the round's next event (everyone, with no list)\n" +
		"Edit the texts with liaison template KIND. Fields: {" + strings.Join(tasks.MessageFields, "}, {") + "}\n"
}
