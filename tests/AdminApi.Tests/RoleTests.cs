using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Testing;
using Xunit;

namespace IceFarm.AdminApi.Tests;

/// <summary>Each admin endpoint against a token of each role: below its role 403 and nothing done; at or above it, served.</summary>
public sealed class When_operators_have_roles(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    private static readonly string[] Ranked = ["viewer", "operator", "admin"];

    /// <summary>Method, path, the least role that may call it.</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "api/admin/workers", "viewer" },
        { "GET", "api/admin/devices", "viewer" },
        { "GET", "api/admin/devices/S1/history", "viewer" },
        { "GET", "api/admin/availability", "viewer" },
        { "GET", "api/admin/clients", "viewer" },
        { "GET", "api/admin/queue", "viewer" },
        { "GET", "api/admin/clients/c1/quota", "viewer" },
        { "POST", "api/admin/devices/S1/end", "operator" },
        { "POST", "api/admin/devices/S1/extend", "operator" },
        { "POST", "api/admin/devices/S1/reboot", "operator" },
        { "POST", "api/admin/devices/S1/maintenance", "operator" },
        { "POST", "api/admin/devices/S1/retire", "operator" },
        { "POST", "api/admin/devices/S1/return-to-service", "operator" },
        { "DELETE", "api/admin/devices/S1", "operator" },
        { "POST", "api/admin/workers/w1/drain", "operator" },
        { "POST", "api/admin/workers/w1/maintenance", "operator" },
        { "POST", "api/admin/workers/w1/return-to-service", "operator" },
        { "POST", "api/admin/clients/c1/end", "operator" },
        { "POST", "api/admin/clients/c1/extend", "operator" },
        { "POST", "api/admin/clients", "admin" },
        { "PUT", "api/admin/clients/c1/quota", "admin" },
        { "GET", "api/admin/tokens", "admin" },
        { "POST", "api/admin/tokens", "admin" },
        { "POST", "api/admin/clients/c1/tokens", "admin" },
        { "POST", "api/admin/tokens/tok_0/revoke", "admin" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Endpoints))]
    public async Task A_role_below_the_endpoints_is_refused_and_its_own_is_served(string method, string path, string least)
    {
        foreach (var role in Ranked)
        {
            using var http = host.Client(host.AdminApiUri, await TokenAsync($"{role}-{Guid.NewGuid():N}"[..20], role));
            // Empty JSON: the endpoints that need a body answer 400 once authorised, which is "served" here.
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" || method == "DELETE" ? null : JsonContent.Create(new { }) };
            using var response = await http.SendAsync(request).WaitAsync(AdminApiHost.Deadline);
            if (Array.IndexOf(Ranked, role) < Array.IndexOf(Ranked, least))
            {
                await When_a_caller_has_no_admin_token.AssertProblemAsync(response, HttpStatusCode.Forbidden, "/unauthorized");
            }
            else
            {
                Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{role} on {method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_viewer_cannot_issue_a_client_and_nothing_is_issued()
    {
        using var viewer = host.Client(host.AdminApiUri, await TokenAsync("vera", "viewer"));
        using var refused = await viewer.PostAsJsonAsync("api/admin/clients", new Contracts.Http.CreateClientRequest("sneaky")).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var clients = await viewer.GetFromJsonAsync<ClientInfo[]>("api/admin/clients").WaitAsync(AdminApiHost.Deadline);
        Assert.DoesNotContain(clients!, c => c.Name == "sneaky");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_operators_action_is_recorded_under_the_name_their_token_carries()
    {
        var serial = (await host.AnnounceWorkerAsync($"roles-{Guid.NewGuid():N}"[..14], 1)).Single();
        using var alice = host.Client(host.AdminApiUri, await TokenAsync("alice", "operator"));
        using var held = await alice.PostAsJsonAsync($"api/admin/devices/{serial}/maintenance", new DeviceHoldRequest("reseating the cable")).WaitAsync(AdminApiHost.Deadline);
        Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
        await Eventually.WaitForAsync(async ct =>
        {
            var history = await alice.GetFromJsonAsync<DeviceHistoryEntry[]>($"api/admin/devices/{serial}/history", ct);
            return history!.FirstOrDefault(e => e.Description.Contains("reseating the cable", StringComparison.Ordinal)) is { } entry
                && entry.Description.Contains("alice", StringComparison.Ordinal) ? entry : null;
        }, AdminApiHost.Deadline, "the hold in the history under alice's name");
    }

    private Task<string> TokenAsync(string name, string role) =>
        OperatorTokens.IssueAsync(host.AdminApiUri, host.AdminToken, name, role).WaitAsync(AdminApiHost.Deadline);
}
