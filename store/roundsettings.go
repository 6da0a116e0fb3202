package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// Per-round settings keys, stored with SetSetting under RoundKey.
const (
	// SettingSurveysSent is how many surveys the organiser sent out: the
	// base of the published response rate, typed by the organiser.
	SettingSurveysSent = "surveys_sent"
	// SettingOrganiserName and SettingOrganiserContact are who signs the
	// appraisal evidence and how to reach them.
	SettingOrganiserName    = "organiser_name"
	SettingOrganiserContact = "organiser_contact"
)

// RateBaseSurveysSent divides the responses by the number of surveys the
// organiser says were sent (SettingSurveysSent).
const RateBaseSurveysSent = "surveys_sent"

// roundKeyPrefix starts every per-round settings key; DeleteRound removes
// the keys under it with the round.
const roundKeyPrefix = "round/"

// RoundKey is the settings key of a round's own value of key, such as
// "round/3/suppress_k".
func RoundKey(roundID int64, key string) string {
	return roundKeyPrefix + strconv.FormatInt(roundID, 10) + "/" + key
}

// RoundKeyPrefix is the prefix of every settings key of the round, for
// deleting them with it.
func RoundKeyPrefix(roundID int64) string { return RoundKey(roundID, "") }

// RoundSettings are the settings an organiser keeps per round: how the
// response rate is worked out, the small-number threshold, and who
// signs the appraisal evidence.
type RoundSettings struct {
	// RateBase is RateBaseParticipants, RateBaseCompleted or
	// RateBaseSurveysSent.
	RateBase string
	// SurveysSent is the organiser's count of surveys sent; 0 when not given.
	SurveysSent int
	// SuppressK is K: breakdowns of fewer than K are not shown.
	SuppressK        int
	OrganiserName    string
	OrganiserContact string
}

// LoadRoundSettings reads the round's settings. A round that has none of
// its own takes the base and K set before they were kept per round (the
// old global settings), then the defaults.
func LoadRoundSettings(ctx context.Context, s RoundService, roundID int64) (RoundSettings, error) {
	get := func(key, def string) (string, error) {
		global, err := s.Setting(ctx, key, def)
		if err != nil {
			return "", err
		}
		return s.Setting(ctx, RoundKey(roundID, key), global)
	}
	var rs RoundSettings
	var err error
	if rs.RateBase, err = get(SettingRateBase, RateBaseParticipants); err != nil {
		return rs, err
	}
	switch rs.RateBase {
	case RateBaseParticipants, RateBaseCompleted, RateBaseSurveysSent:
	default:
		rs.RateBase = RateBaseParticipants
	}
	k, err := get(SettingSuppressK, strconv.Itoa(DefaultSuppressK))
	if err != nil {
		return rs, err
	}
	if rs.SuppressK, err = strconv.Atoi(k); err != nil || rs.SuppressK < 1 {
		rs.SuppressK = DefaultSuppressK
	}
	sent, err := s.Setting(ctx, RoundKey(roundID, SettingSurveysSent), "")
	if err != nil {
		return rs, err
	}
	if n, err := strconv.Atoi(sent); err == nil && n > 0 {
		rs.SurveysSent = n
	}
	if rs.OrganiserName, err = s.Setting(ctx, RoundKey(roundID, SettingOrganiserName), ""); err != nil {
		return rs, err
	}
	rs.OrganiserContact, err = s.Setting(ctx, RoundKey(roundID, SettingOrganiserContact), "")
	return rs, err
}

// Check reports the first thing wrong with rs, in words the organiser can act on.
func (rs RoundSettings) Check() error {
	switch rs.RateBase {
	case RateBaseParticipants, RateBaseCompleted:
	case RateBaseSurveysSent:
		if rs.SurveysSent < 1 {
			return Errorf(EINVALID, "Type how many surveys were sent (a whole number of at least 1), or choose another base for the response rate.")
		}
	default:
		return Errorf(EINVALID, "The response rate's base must be %q, %q or %q, not %q.", RateBaseParticipants, RateBaseCompleted, RateBaseSurveysSent, rs.RateBase)
	}
	if rs.SurveysSent < 0 {
		return Errorf(EINVALID, "The number of surveys sent cannot be negative.")
	}
	if rs.SuppressK < 1 || rs.SuppressK > 1000 {
		return Errorf(EINVALID, "K must be a whole number from 1 to 1000 (the default is %d), not %d.", DefaultSuppressK, rs.SuppressK)
	}
	if strings.ContainsAny(rs.OrganiserName+rs.OrganiserContact, "\r\n") {
		return Errorf(EINVALID, "The organiser's name and contact must each fit on one line.")
	}
	return nil
}

// SaveRoundSettings checks rs and stores it as the round's own settings.
func SaveRoundSettings(ctx context.Context, s RoundService, roundID int64, rs RoundSettings) error {
	rs.OrganiserName = strings.TrimSpace(rs.OrganiserName)
	rs.OrganiserContact = strings.TrimSpace(rs.OrganiserContact)
	if err := rs.Check(); err != nil {
		return err
	}
	sent := ""
	if rs.SurveysSent > 0 {
		sent = strconv.Itoa(rs.SurveysSent)
	}
	for _, kv := range [][2]string{
		{SettingRateBase, rs.RateBase}, {SettingSuppressK, strconv.Itoa(rs.SuppressK)}, {SettingSurveysSent, sent},
		{SettingOrganiserName, rs.OrganiserName}, {SettingOrganiserContact, rs.OrganiserContact},
	} {
		if err := s.SetSetting(ctx, RoundKey(roundID, kv[0]), kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// rateBase fills fb's base and denominator from the round's settings.
func (fb *FeedbackFigures) rateBase(rs RoundSettings, participants, pairsCompleted int) {
	fb.RateBase = rs.RateBase
	fb.SuppressK = rs.SuppressK
	switch rs.RateBase {
	case RateBaseCompleted:
		fb.DenominatorN = 2 * pairsCompleted
		fb.Denominator = fmt.Sprintf("%s participants who completed both visits", Thousands(fb.DenominatorN))
	case RateBaseSurveysSent:
		fb.DenominatorN = rs.SurveysSent
		fb.Denominator = Plural(rs.SurveysSent, "survey sent", "surveys sent")
	default:
		fb.RateBase = RateBaseParticipants
		fb.DenominatorN = participants
		fb.Denominator = fmt.Sprintf("%s participants in the round", Thousands(fb.DenominatorN))
	}
	if fb.DenominatorN > 0 {
		fb.ResponseRate = float64(fb.Responses) / float64(fb.DenominatorN)
	}
}
