using Grpc.Core;
using Grpc.Core.Interceptors;
using Leads.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Leads.ServiceDefaults.Security;

/// <summary>
/// Checks every gRPC call against <see cref="RpcAccessPolicy"/> before it reaches the service. The authentication
/// middleware has already verified the bearer token (if any); here a call without a valid token that names its caller
/// gets Unauthenticated, and a valid token without the method's role gets PermissionDenied, each with a message that
/// says what is missing. Answering from here (rather than with HTTP 401/403 from the authorization middleware) keeps the
/// status and message the client sees exact.
/// </summary>
internal sealed class RpcAuthorizationInterceptor(RpcAccessPolicy policy) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context).ConfigureAwait(false);
        return await continuation(request, context).ConfigureAwait(false);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context).ConfigureAwait(false);
        return await continuation(requestStream, context).ConfigureAwait(false);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context).ConfigureAwait(false);
        await continuation(request, responseStream, context).ConfigureAwait(false);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(context).ConfigureAwait(false);
        await continuation(requestStream, responseStream, context).ConfigureAwait(false);
    }

    private async Task AuthorizeAsync(ServerCallContext context)
    {
        var access = policy.For(context.Method);
        if (!access.NeedsToken)
        {
            return;
        }

        var http = context.GetHttpContext();
        var caller = CallerIdentity.Of(http.User);
        if (caller is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, await WhyUnauthenticatedAsync(http).ConfigureAwait(false)));
        }

        if (access.Role is { } role && !CallerIdentity.HasRole(http.User, role))
        {
            var held = string.Join(", ", CallerIdentity.Roles(http.User));
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"{context.Method} needs the role {role}; the token of '{caller}' carries {(held.Length == 0 ? "no role" : held)}"));
        }
    }

    private static async Task<string> WhyUnauthenticatedAsync(HttpContext http)
    {
        if (http.User.Identity is { IsAuthenticated: true })
        {
            return $"the bearer token names no caller: it needs a '{AuthSettings.SubjectClaim}' (or '{AuthSettings.NameClaim}') claim of 1-{CallerIdentity.MaxLength} printable characters";
        }

        // The handler caches its result per request: this repeats no validation.
        var result = await http.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        return result.Failure switch
        {
            null => "this call needs a bearer token (metadata 'authorization: Bearer <jwt>'); on the embedded default `leads token --role ...` mints one",
            SecurityTokenExpiredException => "the bearer token has expired",
            SecurityTokenNotYetValidException => "the bearer token is not valid yet",
            SecurityTokenInvalidAudienceException => "the bearer token is meant for another audience",
            SecurityTokenInvalidIssuerException => "the bearer token comes from an issuer this service does not trust",
            SecurityTokenInvalidAlgorithmException => "the bearer token is signed with an algorithm this service does not accept",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "the bearer token's signature is not valid",
            _ => "the bearer token is not valid",
        };
    }
}
