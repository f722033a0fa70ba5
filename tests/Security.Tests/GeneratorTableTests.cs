using Leads.Security.Tests.Fuzzing;

namespace Leads.Security.Tests;

/// <summary>The hostile-input generator covers the whole contract: an RPC added to a proto needs its entry.</summary>
public sealed class GeneratorTableTests
{
    [Fact]
    public void Every_rpc_of_the_contract_has_a_generator_entry()
    {
        var missing = RpcFuzzers.ContractRpcs.Select(m => m.FullName).Where(name => !RpcFuzzers.All.ContainsKey(name)).ToList();

        Assert.True(missing.Count == 0, $"RPCs without an entry in {nameof(RpcFuzzers)}.{nameof(RpcFuzzers.All)}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_generator_entry_is_an_rpc_of_the_contract()
    {
        var contract = RpcFuzzers.ContractRpcs.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.DoesNotContain(RpcFuzzers.All.Keys, name => !contract.Contains(name));
    }

    [Fact]
    public void A_seed_makes_the_same_cases_every_time()
    {
        var context = new FuzzContext([1410, 1411], 1410, 1411, 1412, 1413, ["k"], "dG9rZW4", 1411, "dG9rZW4", ["lead-views"]);
        var first = new FuzzRunner(42, context, _ => throw new InvalidOperationException());
        var second = new FuzzRunner(42, context, _ => throw new InvalidOperationException());

        for (var i = 0; i < 300; i++)
        {
            var a = first.Make(i);
            var b = second.Make(i);
            Assert.Equal(a.Describe(), b.Describe());
            Assert.Equal(a.Request.Payload, b.Request.Payload);
        }
    }
}
