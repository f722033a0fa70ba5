using Grpc.Core;
using Leads.Analytics;
using Leads.Contracts.V1;
using Leads.QueryService.Grpc;
using Domain = Leads.Domain;

namespace Leads.QueryService.Analytics;

/// <summary>
/// The <c>leads.v1.LeadAnalytics</c> endpoint: parses the period, asks <see cref="LeadAnalyticsQueries"/> and maps the
/// answer. A bad period or bucket is InvalidArgument naming the field; nothing is read then.
/// </summary>
internal sealed class LeadAnalyticsEndpoint(LeadAnalyticsQueries queries) : LeadAnalytics.LeadAnalyticsBase
{
    public override async Task<PipelineReply> GetPipeline(GetPipelineRequest request, ServerCallContext context)
    {
        var asOf = !string.IsNullOrEmpty(request.AsOf);
        if (asOf && (request.From.Length > 0 || request.To.Length > 0 || request.Bucket.Length > 0))
        {
            throw RpcErrors.InvalidArgument("as_of", "as_of goes alone: give as_of, or from, to and bucket, not both");
        }

        var (period, bucket) = Checked(() => asOf
            ? (new AnalyticsPeriod(AnalyticsPeriod.Day("as_of", request.AsOf), AnalyticsPeriod.Day("as_of", request.AsOf)), AnalyticsBucket.Day)
            : (AnalyticsPeriod.Parse(request.From, request.To), AnalyticsPeriod.Bucket(request.Bucket)));
        Checked(() => period.Split(bucket));
        var points = await queries.GetPipelineAsync(period, bucket, context.CancellationToken);
        var reply = new PipelineReply();
        reply.Points.AddRange(points.Select(p => new Contracts.V1.PipelinePoint
        {
            From = AnalyticsPeriod.Text(p.Bucket.From),
            To = AnalyticsPeriod.Text(p.Bucket.To),
            Leads = new StatusCounts
            {
                Available = p.Leads[Domain.LeadStatus.Available],
                FollowUp = p.Leads[Domain.LeadStatus.FollowUp],
                Closed = p.Leads[Domain.LeadStatus.Closed],
                Converted = p.Leads[Domain.LeadStatus.Converted],
            },
        }));
        return reply;
    }

    public override async Task<FunnelReply> GetFunnel(GetFunnelRequest request, ServerCallContext context)
    {
        var (period, bucket) = Checked(() => (AnalyticsPeriod.Parse(request.From, request.To), AnalyticsPeriod.Bucket(request.Bucket)));
        Checked(() => period.Split(bucket));
        var cohorts = await queries.GetFunnelAsync(period, bucket, context.CancellationToken);
        var reply = new FunnelReply();
        reply.Cohorts.AddRange(cohorts.Select(c => new Contracts.V1.FunnelCohort
        {
            From = AnalyticsPeriod.Text(c.Bucket.From),
            To = AnalyticsPeriod.Text(c.Bucket.To),
            Created = c.Created,
            ReachedFollowUp = c.ReachedFollowup,
            Converted = c.Converted,
            Closed = c.Closed,
            Reopened = c.Reopened,
            Reopenings = c.Reopenings,
            ConversionRate = c.ConversionRate,
        }));
        return reply;
    }

    public override async Task<TimeInStatusReply> GetTimeInStatus(GetTimeInStatusRequest request, ServerCallContext context)
    {
        var period = Checked(() => AnalyticsPeriod.Parse(request.From, request.To));
        var times = await queries.GetTimeInStatusAsync(period, context.CancellationToken);
        var reply = new TimeInStatusReply { CreationToConversion = Summary(times.CreationToConversion) };
        reply.Statuses.AddRange(times.ByStatus.OrderBy(s => s.Key).Select(s => new StatusDuration { Status = (LeadStatus)(int)s.Key, Duration = Summary(s.Value) }));
        return reply;
    }

    public override async Task<FollowupDisciplineReply> GetFollowupDiscipline(GetFollowupDisciplineRequest request, ServerCallContext context)
    {
        var period = Checked(() => AnalyticsPeriod.Parse(request.From, request.To));
        var d = await queries.GetFollowupDisciplineAsync(period, context.CancellationToken);
        return new FollowupDisciplineReply { Scheduled = d.Scheduled, ResolvedOnTime = d.ResolvedOnTime, Rescheduled = d.Rescheduled, Overdue = d.Overdue, Open = d.Open };
    }

    public override async Task<ActivityReply> GetActivity(GetActivityRequest request, ServerCallContext context)
    {
        var period = Checked(() => AnalyticsPeriod.Parse(request.From, request.To));
        var rows = await queries.GetActivityAsync(period, context.CancellationToken);
        var reply = new ActivityReply();
        reply.Rows.AddRange(rows.Select(r => new CallerActivity { Day = AnalyticsPeriod.Text(r.Day), Caller = r.Caller, Commands = r.Commands }));
        return reply;
    }

    private static Contracts.V1.DurationSummary Summary(Leads.Analytics.DurationSummary s) =>
        new() { Count = s.Count, MedianSeconds = s.MedianSeconds, P90Seconds = s.P90Seconds };

    private static T Checked<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (AnalyticsArgumentException ex)
        {
            throw RpcErrors.InvalidArgument(ex.Field, ex.Message);
        }
    }
}
