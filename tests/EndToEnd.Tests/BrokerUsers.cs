using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using IceFarm.Testing;

namespace IceFarm.EndToEnd.Tests;

/// <summary>
/// Broker users made by the operators' own script (eng/broker-users.sh) on a test's vhost, and removed afterwards (users
/// are the broker's, not the vhost's).
/// </summary>
internal sealed class BrokerUsers(IsolatedBackends backends)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> _created = [];
    private readonly string _password = Guid.NewGuid().ToString("N");

    /// <summary>Runs <c>eng/broker-users.sh worker <paramref name="worker"/></c>; returns the AMQP URI its worker connects with.</summary>
    public async Task<Uri> CreateWorkerAsync(string worker)
    {
        var user = $"worker-{worker}";
        _created.Add(user);
        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "eng", "broker-users.sh"), "worker", worker])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["BROKER_MANAGEMENT_URL"] = backends.Servers.RabbitMqManagement.ToString(),
                ["BROKER_VHOST"] = backends.Vhost.Name,
                ["BROKER_USER_PASSWORD"] = _password,
            },
        })!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        await script.WaitForExitAsync(timeout.Token);
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"broker-users.sh worker {worker} exited {script.ExitCode}: {await output}{await errors}");
        }

        return new UriBuilder(backends.Vhost.AmqpUri) { UserName = Uri.EscapeDataString(user), Password = _password }.Uri;
    }

    /// <summary>Deletes every user this made.</summary>
    public async Task DeleteAllAsync()
    {
        var management = backends.Servers.RabbitMqManagement;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(management.UserInfo))));
        var api = new UriBuilder(management) { UserName = "", Password = "" }.Uri;
        foreach (var user in _created)
        {
            using var response = await http.DeleteAsync(new Uri(api, $"api/users/{Uri.EscapeDataString(user)}"));
            if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                throw new InvalidOperationException($"Deleting broker user {user} answered {(int)response.StatusCode}.");
            }
        }
    }
}
