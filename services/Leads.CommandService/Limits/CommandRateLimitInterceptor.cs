using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Leads.ServiceDefaults.Security;

namespace Leads.CommandService.Limits;

/// <summary>
/// Rate-limits LeadCommands per caller (the verified token's subject; it runs after the authorization interceptor):
/// a caller past its bucket gets ResourceExhausted with its limit and a <c>retry-after-ms</c> trailer, and the command
/// is not handled, so nothing is written. Other callers are not affected.
/// </summary>
public sealed class CommandRateLimitInterceptor : Interceptor, IDisposable
{
    public const string RetryAfterTrailer = "retry-after-ms";
    private readonly CommandRateLimits _limits;
    private readonly PartitionedRateLimiter<string> _limiter;

    public CommandRateLimitInterceptor(CommandRateLimits limits)
    {
        _limits = limits;
        // Refill in small steps (at most ten a second) so a caller at its rate is not made to wait a whole second.
        var tokensPerStep = Math.Max(1, limits.PerSecond / 10);
        var step = TimeSpan.FromSeconds((double)tokensPerStep / limits.PerSecond);
        _limiter = PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.Burst,
                TokensPerPeriod = tokensPerStep,
                ReplenishmentPeriod = step,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var caller = CallerIdentity.Of(context.GetHttpContext().User) ?? "";
        using var lease = _limiter.AttemptAcquire(caller);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var ms = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
            throw new RpcException(
                new Status(StatusCode.ResourceExhausted,
                    $"caller '{caller}' sent commands faster than its limit of {_limits.PerSecond} per second (bursts of {_limits.Burst}); retry in {ms} ms"),
                new Metadata { { RetryAfterTrailer, ms } });
        }

        return await continuation(request, context).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes <paramref name="commands"/> from the caller's bucket for a stream of commands (a bulk import's rows), waiting
    /// as long as the bucket says rather than refusing: an import over the caller's rate is slowed down, not failed.
    /// </summary>
    public async Task ThrottleAsync(string? caller, int commands, CancellationToken cancellationToken)
    {
        var left = commands;
        while (left > 0)
        {
            var take = Math.Min(left, _limits.Burst);
            using var lease = _limiter.AttemptAcquire(caller ?? "", take);
            if (lease.IsAcquired)
            {
                left -= take;
                continue;
            }

            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMilliseconds(100);
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
