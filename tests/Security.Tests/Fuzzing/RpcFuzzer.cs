namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// The generator entry of one RPC: a well-formed request to mangle (<paramref name="Sample"/>) and the attacks only
/// this RPC has; <see cref="GenericAttacks"/> adds the ones every RPC gets (garbage, truncation, bad wire types,
/// unknown fields).
/// </summary>
public sealed record RpcFuzzer(Func<FuzzContext, Random, byte[]> Sample, IReadOnlyList<Attack> Own)
{
    public static RpcFuzzer Command(CommandShape shape) => new((c, r) => shape.Valid(c, r).Build(r), CommandAttacks.For(shape));

    /// <summary>Every attack on this RPC, generic ones included.</summary>
    public IReadOnlyList<Attack> Attacks(Google.Protobuf.Reflection.MethodDescriptor rpc) => [.. Own, .. GenericAttacks.For(rpc, this)];
}
