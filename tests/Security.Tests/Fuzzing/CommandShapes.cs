using System.Globalization;
using Grpc.Core;

namespace Leads.Security.Tests.Fuzzing;

/// <summary>The LeadCommands RPCs as the generator sees them (field numbers from leads/v1/lead_commands.proto).</summary>
public static class CommandShapes
{
    public static TextField Name(int number) => new(number, "name", 200, ValidName, r => HostileValues.WithControlChar(r, ValidName(r)));

    public static TextField Email(int number) => new(number, "email", 254, ValidEmail, HostileValues.BadEmail);

    public static TextField Phone(int number) => new(number, "phone", 64, ValidPhone, HostileValues.BadPhone);

    public static CommandShape InitializeLead { get; } = new(
        (_, r) => new Fields().Int64(1, FuzzContext.FreshLeadId(r)).String(2, ValidName(r)).String(3, ValidEmail(r))
            .String(4, ValidPhone(r)).String(5, FuzzContext.FreshCommandId(r)),
        [Name(2), Email(3), Phone(4)],
        CommandIdField: 5,
        ExpectedRevisionField: null,
        CreatesLead: true,
        RequiredNumbers: [1, 2, 3, 4],
        Own:
        [
            new("forbidden by lead rules", (c, r) =>
            {
                var lead = c.AnyLead(r);
                var request = new Fields().Int64(1, lead).String(2, ValidName(r)).String(3, ValidEmail(r)).String(4, ValidPhone(r));
                return new(request.Build(r), Expectation.Refused(StatusCode.AlreadyExists), $"lead {lead} exists already");
            }),
        ]);

    public static CommandShape ChangeName { get; } = new(
        (c, r) => new Fields().Int64(1, c.AnyLead(r)).String(2, ValidName(r)).String(4, FuzzContext.FreshCommandId(r)),
        [Name(2)],
        CommandIdField: 4,
        ExpectedRevisionField: 3,
        CreatesLead: false,
        RequiredNumbers: [1, 2],
        Own: []);

    public static CommandShape ChangeContactInfo { get; } = new(
        (c, r) => new Fields().Int64(1, c.AnyLead(r)).String(2, ValidEmail(r)).String(3, ValidPhone(r)).String(5, FuzzContext.FreshCommandId(r)),
        [Email(2), Phone(3)],
        CommandIdField: 5,
        ExpectedRevisionField: 4,
        CreatesLead: false,
        RequiredNumbers: [1, 2, 3],
        Own: []);

    public static CommandShape ChangeStatus { get; } = new(
        (c, r) => new Fields().Int64(1, c.AnyLead(r)).Int32(2, r.Next(1, 5)).String(4, FuzzContext.FreshCommandId(r)),
        [],
        CommandIdField: 4,
        ExpectedRevisionField: 3,
        CreatesLead: false,
        RequiredNumbers: [1, 2],
        Own:
        [
            new("unknown enum values", (c, r) =>
            {
                var status = r.Chance(0.2) ? 0 : HostileValues.UnknownEnumNumber(r);
                var request = new Fields().Int64(1, c.AnyLead(r)).Int32(2, status).String(4, FuzzContext.FreshCommandId(r));
                return new(request.Build(r), Expectation.Invalid, $"status = {status}");
            }),
            new("forbidden by lead rules", (c, r) =>
            {
                var (lead, status, why) = r.Next(2) == 0
                    ? (c.ClosedLead, 4, "Closed -> Converted")
                    : (c.ConvertedLead, r.Next(1, 4), "Converted is final");
                var request = new Fields().Int64(1, lead).Int32(2, status).String(4, FuzzContext.FreshCommandId(r));
                return new(request.Build(r), Expectation.Refused(StatusCode.FailedPrecondition), why);
            }),
        ]);

    public static CommandShape SetFollowup { get; } = new(
        (c, r) => new Fields().Int64(1, c.AnyLead(r)).String(2, ValidDate(r)).String(4, FuzzContext.FreshCommandId(r)),
        [new(2, "followup_on", 10, ValidDate, HostileValues.BadDate)],
        CommandIdField: 4,
        ExpectedRevisionField: 3,
        CreatesLead: false,
        RequiredNumbers: [1, 2],
        Own:
        [
            new("forbidden by lead rules", (c, r) =>
            {
                var lead = r.Pick(c.AvailableLead, c.ClosedLead, c.ConvertedLead);
                var request = new Fields().Int64(1, lead).String(2, ValidDate(r)).String(4, FuzzContext.FreshCommandId(r));
                return new(request.Build(r), Expectation.Refused(StatusCode.FailedPrecondition), $"lead {lead} is not in Follow-up");
            }),
        ]);

    public static string ValidName(Random random) => "Fuzz " + HostileValues.Plain(random, random.Next(2, 30));

    public static string ValidEmail(Random random) => string.Create(CultureInfo.InvariantCulture, $"fuzz.{random.Next()}@example.com");

    public static string ValidPhone(Random random) => string.Create(CultureInfo.InvariantCulture, $"+1 (555) {random.Next(100, 1000)}-{random.Next(1000, 10000)}");

    public static string ValidDate(Random random) => new DateOnly(2030, 1, 1).AddDays(random.Next(0, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
