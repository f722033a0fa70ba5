namespace Leads.ServiceDefaults.Security;

/// <summary>What a gRPC method asks of its caller: nothing (health), a valid token, or a valid token with a role.</summary>
public sealed record RpcAccess
{
    private RpcAccess(bool needsToken, string? role)
    {
        NeedsToken = needsToken;
        Role = role;
    }

    /// <summary>Anyone, with or without a token (health checks).</summary>
    public static RpcAccess Open { get; } = new(false, null);

    /// <summary>Any caller with a valid token, whatever its roles.</summary>
    public static RpcAccess AnyCaller { get; } = new(true, null);

    public bool NeedsToken { get; }

    public string? Role { get; }

    /// <summary>A caller with a valid token that carries <paramref name="role"/>.</summary>
    public static RpcAccess InRole(string role) => new(true, role);

    public override string ToString() => Role ?? (NeedsToken ? "any caller with a valid token" : "open");
}
