using System.CommandLine;
using System.Globalization;
using Leads.Cli.Shell;
using Leads.Contracts.V1;
using Spectre.Console;

namespace Leads.Cli.Privacy;

/// <summary><c>privacy retention --dry-run</c>: the leads the retention policy would forget now, without forgetting them.</summary>
internal static class PrivacyCommands
{
    public static Command Build()
    {
        var privacy = new Command("privacy", "Personal data: the retention policy");
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be forgotten; forget nothing (required: the policy itself runs in the command service)" };
        var retention = new Command("retention", "Leads Closed for longer than Privacy:ForgetClosedAfterDays, which the command service forgets") { dryRun };
        retention.Validators.Add(r =>
        {
            if (!r.GetValue(dryRun))
            {
                r.AddError("only --dry-run is offered: the command service applies the policy itself (Privacy:ForgetClosedAfterDays)");
            }
        });
        retention.Action(async (parse, ct) =>
        {
            var plan = await Endpoints.Commands(parse).PlanRetentionAsync(new PlanRetentionRequest(), cancellationToken: ct);
            if (plan.ForgetClosedAfterDays == 0)
            {
                AnsiConsole.MarkupLine("retention policy off (Privacy:ForgetClosedAfterDays is not set): nothing would be forgotten");
                return;
            }

            AnsiConsole.MarkupLineInterpolated(
                $"{plan.Total} leads Closed for more than {plan.ForgetClosedAfterDays} days (before {Run.Time(plan.ClosedBefore)}) would be forgotten:");
            var table = new Table().AddColumns("lead", "closed since");
            foreach (var lead in plan.Leads)
            {
                table.AddRow(lead.LeadId.ToString(CultureInfo.InvariantCulture), Run.Time(lead.ClosedSince));
            }

            AnsiConsole.Write(table);
        });
        privacy.Subcommands.Add(retention);
        return privacy;
    }
}
