using System.Globalization;
using System.Text;
using Google.Protobuf;
using Leads.Projections;
using Leads.QueryService.Grpc;
using Leads.Views;

namespace Leads.QueryService.LeadChanges;

/// <summary>
/// A lead's page kept current: <c>GET /v1/leads/{id}/changes</c> answers server-sent events (<c>text/event-stream</c>),
/// one <c>lead</c> event with the view (as <c>GetLead</c> answers it in JSON) whenever its revision differs from what the
/// page last got (the first one at once unless <c>?revision=</c> says the page already shows it). One connection per
/// open page. It is woken by the view projector's commits (<see cref="CheckpointWatch"/>: one shared checkpoint read per
/// commit for every open page), and then reads the lead's view once; where the store cannot signal commits it looks at
/// most once per <see cref="UnsignalledInterval"/>. A comment line every <see cref="KeepAlive"/> keeps proxies from
/// closing an idle stream.
/// </summary>
internal sealed class LeadChangeFeed(ILeadViewStore views, CheckpointWatch watch, TimeProvider clock)
{
    public static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan UnsignalledInterval = TimeSpan.FromSeconds(1);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public async Task StreamAsync(HttpContext http, string leadIdText, CancellationToken cancellationToken)
    {
        if (!long.TryParse(leadIdText, NumberStyles.None, CultureInfo.InvariantCulture, out var leadId) || leadId <= 0)
        {
            await Results.Json(new { code = 3, message = $"lead_id must be a positive number (got '{leadIdText}')" }, statusCode: StatusCodes.Status400BadRequest)
                .ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        ulong? shown = ulong.TryParse(http.Request.Query["revision"], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : null;
        var response = http.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

        var signalled = views is ICheckpointSignal { NextCommit: not null };
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var checkpoint = await watch.ReadAsync(cancellationToken).ConfigureAwait(false);
                var view = await views.GetLeadAsync(leadId, cancellationToken).ConfigureAwait(false);
                if (view is { Exists: true } && view.Revision != shown)
                {
                    shown = view.Revision;
                    await SendAsync(response, "lead", Formatter.Format(view.ToProto()), cancellationToken).ConfigureAwait(false);
                }

                if (!signalled)
                {
                    await Task.Delay(UnsignalledInterval, clock, cancellationToken).ConfigureAwait(false);
                }

                await WaitForNextCommitAsync(response, (checkpoint?.Value ?? 0) + 1, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away (closed, navigated, reloaded): nothing more to send.
        }
    }

    private async Task WaitForNextCommitAsync(HttpResponse response, ulong position, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            quiet.CancelAfter(KeepAlive);
            try
            {
                await watch.WaitForAsync(position, quiet.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task SendAsync(HttpResponse response, string name, string json, CancellationToken cancellationToken)
    {
        var text = new StringBuilder().Append("event: ").Append(name).Append('\n').Append("data: ").Append(json).Append("\n\n").ToString();
        await response.WriteAsync(text, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
