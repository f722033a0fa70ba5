using System.Globalization;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// Attacks on a LeadCommands RPC. Every one of them must be refused and write nothing: each starts from a valid
/// request and makes at least one field certainly wrong (or aims at a lead the rules protect).
/// </summary>
public static class CommandAttacks
{
    public const int LeadIdField = 1;

    public static IReadOnlyList<Attack> For(CommandShape shape)
    {
        var attacks = new List<Attack>
        {
            new("lead_id <= 0", (c, r) =>
            {
                var id = HostileValues.NonPositiveId(r);
                return new(shape.Valid(c, r).Int64(LeadIdField, id).Build(r), Expectation.Invalid, $"lead_id = {id}");
            }),
            new("huge numbers", (c, r) => HugeLeadId(shape, c, r)),
            new("oversized strings", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts]);
                var value = HostileValues.Oversized(r, field.Limit);
                return new(shape.Valid(c, r).String(field.Number, value).Build(r), Expectation.InvalidOrTooLarge, $"{field.Name}: {value.Length} chars");
            }),
            new("beyond message limit", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts]);
                var value = HostileValues.BeyondMessageLimit(r);
                return new(shape.Valid(c, r).String(field.Number, value).Build(r), Expectation.TooLarge, $"{field.Name}: {value.Length} chars");
            }, Weight: 0.1),
            new("control chars", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts]);
                var value = HostileValues.WithControlChar(r, field.Valid(r));
                return new(shape.Valid(c, r).String(field.Number, value).Build(r), Expectation.Invalid, $"{field.Name}: {Escaped(value)}");
            }),
            new("invalid UTF-8", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts, new TextField(shape.CommandIdField, "command_id", 100, FuzzContext.FreshCommandId, HostileValues.BadCommandId)]);
                var bytes = HostileValues.WithInvalidUtf8(r, field.Valid(r));
                return new(shape.Valid(c, r).Bytes(field.Number, bytes).Build(r), Expectation.Invalid, $"{field.Name}: {Convert.ToHexString(bytes)}");
            }),
            new("blank strings", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts]);
                var value = HostileValues.Blank(r);
                return new(shape.Valid(c, r).String(field.Number, value).Build(r), Expectation.Invalid, $"{field.Name}: {Escaped(value)}");
            }),
            new("bad formats", (c, r) =>
            {
                var field = r.Pick([.. shape.Texts]);
                var value = field.BadFormat(r);
                return new(shape.Valid(c, r).String(field.Number, value).Build(r), Expectation.Invalid, $"{field.Name}: {Escaped(value)}");
            }),
            new("missing fields", (c, r) =>
            {
                if (r.Chance(0.2))
                {
                    return new([], Expectation.Invalid, "empty message");
                }

                var field = r.Pick([.. shape.RequiredNumbers]);
                return new(shape.Valid(c, r).Without(field).Build(r), Expectation.Invalid, $"field {field} missing");
            }),
            new("bad command_id", (c, r) =>
            {
                var value = HostileValues.BadCommandId(r);
                return new(shape.Valid(c, r).String(shape.CommandIdField, value).Build(r), Expectation.Invalid, $"command_id: {Escaped(value)}");
            }),
            new("reused command_id", (c, r) =>
            {
                var key = c.AnyUsedCommandId(r);
                var request = shape.Valid(c, r).String(shape.CommandIdField, key);

                // The valid phase sent no expected_revision: with one, the payload differs from the original for sure.
                if (shape.ExpectedRevisionField is { } revision)
                {
                    request.UInt64(revision, HostileValues.HugeRevision(r));
                }

                return new(request.Build(r), Expectation.Invalid, $"command_id {key} with another payload");
            }),
        };
        if (shape.ExpectedRevisionField is { } revisionField)
        {
            attacks.Add(new("expected_revision extremes", (c, r) => StaleOrAhead(shape, revisionField, c, r)));
        }

        attacks.AddRange(shape.Own);

        // Attacks on string fields other than command_id need an RPC that has some (ChangeStatus has none).
        var textAttacks = new HashSet<string>(StringComparer.Ordinal) { "oversized strings", "beyond message limit", "control chars", "blank strings", "bad formats" };
        return shape.Texts.Count > 0 ? attacks : [.. attacks.Where(a => !textAttacks.Contains(a.Category))];
    }

    public static string Escaped(string value) =>
        value.Length > 60 ? Escaped(value[..60]) + $"... ({value.Length} chars)" : string.Concat(value.Select(ch => char.IsControl(ch) || ch > '~'
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)ch:x4}")
            : ch.ToString()));

    private static Hostile HugeLeadId(CommandShape shape, FuzzContext context, Random random)
    {
        var id = HostileValues.HugeId(random);
        var request = shape.Valid(context, random).Int64(LeadIdField, id);
        if (!shape.CreatesLead)
        {
            return new(request.Build(random), Expectation.Refused(StatusCode.NotFound), $"lead_id = {id} (no such lead)");
        }

        // A huge id is a well-formed new lead: only with another field wrong must it be refused.
        var field = random.Pick([.. shape.Texts]);
        var bad = field.BadFormat(random);
        return new(request.String(field.Number, bad).Build(random), Expectation.Invalid, $"lead_id = {id}, {field.Name}: {Escaped(bad)}");
    }

    private static Hostile StaleOrAhead(CommandShape shape, int revisionField, FuzzContext context, Random random)
    {
        var request = shape.Valid(context, random);
        switch (random.Next(3))
        {
            case 0:
                var ahead = HostileValues.HugeRevision(random);
                return new(request.UInt64(revisionField, ahead).Build(random), Expectation.Refused(StatusCode.FailedPrecondition), $"expected_revision = {ahead}");
            case 1:
                var lead = FuzzContext.FreshLeadId(random);
                return new(request.Int64(LeadIdField, lead).UInt64(revisionField, random.Pick(0UL, ulong.MaxValue)).Build(random),
                    Expectation.Refused(StatusCode.FailedPrecondition, StatusCode.NotFound), $"expected_revision on missing lead {lead}");
            default:
                // Every lead of the valid phase changed name, contact and status after revision 0: a stale 0 conflicts.
                return new(request.UInt64(revisionField, 0).Build(random), Expectation.Refused(StatusCode.Aborted), "expected_revision = 0 (stale, conflicting)");
        }
    }
}
