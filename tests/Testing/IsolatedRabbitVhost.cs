using System.Net.Http.Headers;
using System.Text;

namespace IceFarm.Testing;

/// <summary>A RabbitMQ virtual host of its own for one test class, created and deleted through the management API.</summary>
public sealed class IsolatedRabbitVhost : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _management;
    private readonly AuthenticationHeaderValue _auth;

    private IsolatedRabbitVhost(Uri management, AuthenticationHeaderValue auth, string name, Uri amqp)
    {
        _management = management;
        _auth = auth;
        Name = name;
        AmqpUri = amqp;
    }

    public string Name { get; }

    /// <summary>AMQP URI of the vhost, as the services take it in <c>ConnectionStrings:RabbitMq</c>.</summary>
    public Uri AmqpUri { get; }

    public static async Task<IsolatedRabbitVhost> CreateAsync(ServerEndpoints servers, CancellationToken ct = default)
    {
        var name = $"icefarm-t-{Guid.NewGuid():N}";
        var user = Uri.UnescapeDataString(servers.RabbitMqManagement.UserInfo.Split(':')[0]);
        var auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(servers.RabbitMqManagement.UserInfo))));
        var management = new UriBuilder(servers.RabbitMqManagement) { UserName = "", Password = "" }.Uri;
        await SendAsync(HttpMethod.Put, new Uri(management, $"api/vhosts/{name}"), auth, "{}", ct);
        await SendAsync(HttpMethod.Put, new Uri(management, $"api/permissions/{name}/{Uri.EscapeDataString(user)}"), auth,
            """{"configure":".*","write":".*","read":".*"}""", ct);
        var amqp = new UriBuilder(servers.RabbitMq) { Path = "/" + name }.Uri;
        return new IsolatedRabbitVhost(management, auth, name, amqp);
    }

    /// <summary>The management API's view of a queue of this vhost (arguments, consumers and their activity).</summary>
    public async Task<System.Text.Json.JsonElement> QueueAsync(string queue, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_management, $"api/queues/{Name}/{Uri.EscapeDataString(queue)}"));
        request.Headers.Authorization = _auth;
        using var response = await Http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var json = await System.Text.Json.JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        return json.RootElement.Clone();
    }

    public async ValueTask DisposeAsync() =>
        await SendAsync(HttpMethod.Delete, new Uri(_management, $"api/vhosts/{Name}"), _auth, null, CancellationToken.None);

    private static async Task SendAsync(HttpMethod method, Uri uri, AuthenticationHeaderValue auth, string? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = auth;
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode && !(method == HttpMethod.Delete && response.StatusCode == System.Net.HttpStatusCode.NotFound))
        {
            throw new InvalidOperationException($"RabbitMQ management {method} {uri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
