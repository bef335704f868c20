using System.Net;
using System.Net.Http.Json;
using IceFarm.Contracts.Admin;
using IceFarm.Contracts.Http;
using IceFarm.Testing;
using Xunit;
using static IceFarm.AdminApi.Tests.When_a_caller_has_no_admin_token;

namespace IceFarm.AdminApi.Tests;

/// <summary>Tokens through the admin API: issued with an expiry, listed without secrets, revoked with a reason, refused after.</summary>
public sealed class When_an_admin_manages_tokens(AdminApiHost host) : IClassFixture<AdminApiHost>
{
    [Fact(Timeout = 60_000)]
    public async Task A_revoked_client_token_is_refused_with_the_reason_and_its_rotation_keeps_working()
    {
        var (clientId, first) = await host.NewClientAsync("rotating");
        using (first)
        {
            using var second = await IssueAsync($"api/admin/clients/{clientId}/tokens", new IssueTokenRequest());
            Assert.Equal(HttpStatusCode.Created, second.StatusCode);
            var rotated = (await second.Content.ReadFromJsonAsync<TokenIssued>())!;
            using var next = host.Client(host.ReservationServiceUri, rotated.Token);

            var listed = (await host.Admin.GetFromJsonAsync<TokenInfo[]>($"api/admin/tokens?subject={clientId}").WaitAsync(AdminApiHost.Deadline))!;
            Assert.Equal(2, listed.Length);
            Assert.All(listed, t => Assert.Equal(("client", "active"), (t.Kind, t.State)));
            Assert.DoesNotContain(rotated.Token, await host.Admin.GetStringAsync($"api/admin/tokens?subject={clientId}"), StringComparison.Ordinal);
            var old = listed.Single(t => t.Id != rotated.Id);

            using (var revoked = await host.Admin.PostAsJsonAsync($"api/admin/tokens/{old.Id}/revoke", new RevokeTokenRequest("laptop stolen")).WaitAsync(AdminApiHost.Deadline))
            {
                Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
                var info = (await revoked.Content.ReadFromJsonAsync<TokenInfo>())!;
                Assert.Equal(("revoked", "bootstrap-admin", "laptop stolen"), (info.State, info.RevokedBy, info.RevokeReason));
            }

            var problem = await Eventually.WaitForAsync(async ct =>
            {
                using var response = await first.GetAsync("api/v1/reservations", ct);
                return response.StatusCode == HttpStatusCode.Unauthorized
                    ? (await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "/unauthorized")).GetProperty("detail").GetString()
                    : null;
            }, AdminApiHost.Deadline, "the revoked token refused");
            Assert.Contains("revoked", problem, StringComparison.Ordinal);
            using var stillServed = await next.GetAsync("api/v1/reservations").WaitAsync(AdminApiHost.Deadline);
            Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);

            using var again = await host.Admin.PostAsJsonAsync($"api/admin/tokens/{old.Id}/revoke", new RevokeTokenRequest("twice")).WaitAsync(AdminApiHost.Deadline);
            await AssertProblemAsync(again, HttpStatusCode.Conflict, "/token-already-revoked");
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task An_operator_token_works_until_it_expires_and_is_then_refused_as_expired()
    {
        var expiresAt = TimeProvider.System.GetUtcNow().AddSeconds(3);
        using var issued = await IssueAsync("api/admin/tokens", new IssueTokenRequest("temp", "viewer", expiresAt));
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        using var temp = host.Client(host.AdminApiUri, (await issued.Content.ReadFromJsonAsync<TokenIssued>())!.Token);
        using (var served = await temp.GetAsync("api/admin/workers").WaitAsync(AdminApiHost.Deadline))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }

        var problem = await Eventually.WaitForAsync(async ct =>
        {
            using var response = await temp.GetAsync("api/admin/workers", ct);
            return response.StatusCode == HttpStatusCode.Unauthorized
                    ? (await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "/unauthorized")).GetProperty("detail").GetString()
                    : null;
        }, AdminApiHost.Deadline, "the expired token refused");
        Assert.Contains("expired", problem, StringComparison.Ordinal);
        var listed = await host.Admin.GetFromJsonAsync<TokenInfo[]>("api/admin/tokens?subject=temp").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal("expired", listed!.Single().State);
    }

    public static TheoryData<string, object, string> BadRequests => new()
    {
        { "api/admin/tokens", new IssueTokenRequest("root", "superuser"), "'role'" },
        { "api/admin/tokens", new IssueTokenRequest(null, "viewer"), "'operator'" },
        { "api/admin/tokens", new IssueTokenRequest("bad name!", "viewer"), "'operator'" },
        { "api/admin/tokens", new IssueTokenRequest("late", "viewer", DateTimeOffset.UnixEpoch), "'expiresAt'" },
        { "api/admin/clients", new CreateClientRequest("late", DateTimeOffset.UnixEpoch), "'tokenExpiresAt'" },
        { "api/admin/clients/nobody-000000/tokens", new IssueTokenRequest(), "nobody-000000" },
        { "api/admin/tokens/tok_0000000000000000/revoke", new RevokeTokenRequest("gone"), "tok_0000000000000000" },
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_are_refused_by_name_and_issue_nothing(string path, object body, string named)
    {
        var before = (await host.Admin.GetFromJsonAsync<TokenInfo[]>("api/admin/tokens").WaitAsync(AdminApiHost.Deadline))!.Length;
        using var response = await host.Admin.PostAsJsonAsync(path, body).WaitAsync(AdminApiHost.Deadline);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{(int)response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await host.Admin.GetFromJsonAsync<TokenInfo[]>("api/admin/tokens").WaitAsync(AdminApiHost.Deadline))!.Length);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_revocation_needs_a_reason()
    {
        using var issued = await IssueAsync("api/admin/tokens", new IssueTokenRequest("kept", "viewer"));
        var id = (await issued.Content.ReadFromJsonAsync<TokenIssued>())!.Id;
        using var response = await host.Admin.PostAsJsonAsync($"api/admin/tokens/{id}/revoke", new RevokeTokenRequest(" ")).WaitAsync(AdminApiHost.Deadline);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "/invalid-request");
        var listed = await host.Admin.GetFromJsonAsync<TokenInfo[]>("api/admin/tokens?subject=kept").WaitAsync(AdminApiHost.Deadline);
        Assert.Equal("active", listed!.Single().State);
    }

    private Task<HttpResponseMessage> IssueAsync(string path, object body) => host.Admin.PostAsJsonAsync(path, body).WaitAsync(AdminApiHost.Deadline);
}
