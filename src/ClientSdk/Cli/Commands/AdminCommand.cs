using System.CommandLine;
using System.Globalization;
using IceFarm.Cli.Admin;
using Spectre.Console;

namespace IceFarm.Cli.Commands;

/// <summary><c>icefarm admin workers|devices|client|drain|maintenance|return|reboot|forget</c>, with the admin token (ICEFARM_ADMIN_TOKEN).</summary>
internal static class AdminCommand
{
    private static readonly Option<string?> AdminUrl = new("--admin-url") { Description = "The AdminApi, such as http://localhost:8090/ (default: ICEFARM_ADMIN_URL)", Recursive = true };
    internal static readonly Option<string?> AdminToken = new("--admin-token")
    {
        Description = "Your operator token; visible to others in the process list, so prefer --admin-token-file or ICEFARM_ADMIN_TOKEN",
        Recursive = true,
    };

    private static readonly Option<string?> AdminTokenFile = new("--admin-token-file")
    {
        Description = "A file holding your operator token (default: ICEFARM_ADMIN_TOKEN, then the file named by ICEFARM_ADMIN_TOKEN_FILE)",
        Recursive = true,
    };

    public static Command Create(CliEnvironment env)
    {
        var admin = new Command("admin", "Operate the farm (admin token required)") { AdminUrl, AdminToken, AdminTokenFile };
        admin.Subcommands.Add(Workers(env));
        admin.Subcommands.Add(Devices(env));
        admin.Subcommands.Add(Client(env));
        admin.Subcommands.Add(Drain(env));
        admin.Subcommands.Add(Maintenance(env));
        admin.Subcommands.Add(ReturnToService(env));
        admin.Subcommands.Add(SerialAction(env, "reboot", "Reflash a board, keeping its reservation and queue", (c, s, ct) => c.RebootAsync(s, ct)));
        admin.Subcommands.Add(SerialAction(env, "forget", "Forget a board; its worker rediscovers it from scratch", (c, s, ct) => c.ForgetAsync(s, ct)));
        return admin;
    }

    private static AdminClient Connect(CliEnvironment env, ParseResult parse) => env.CreateAdminClient(parse.GetValue(AdminUrl), env.Secret(parse.GetValue(AdminToken), parse.GetValue(AdminTokenFile), "ICEFARM_ADMIN_TOKEN"));

    private static Command Workers(CliEnvironment env)
    {
        var command = new Command("workers", "Workers, their health and boards");
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            var workers = await client.WorkersAsync(ct);
            if (output.Json)
            {
                output.WriteJson(workers);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Worker", "Host", "Version", "Kinds", "Online", "Draining", "Maintenance", "Last heartbeat", "Boards");
            foreach (var w in workers)
            {
                table.AddRow(Markup.Escape(w.Name), Markup.Escape(w.Host ?? ""), Markup.Escape(w.Version), Markup.Escape(string.Join(",", w.Kinds)),
                    w.Online ? "[green]yes[/]" : "[red]no[/]", w.Draining ? "[yellow]yes[/]" : "no",
                    w.Maintenance is { } m ? Markup.Escape($"since {m.Since.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} by {m.By}{(m.Reason is null ? "" : ": " + m.Reason)}") : "",
                    w.LastHeartbeat?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(string.Join(", ", w.DevicesByState.Select(p => $"{p.Key} {p.Value}"))));
            }

            output.Data.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Devices(CliEnvironment env)
    {
        var command = new Command("devices", "Every board with its state and reservation");
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            var devices = await client.DevicesAsync(ct);
            if (output.Json)
            {
                output.WriteJson(devices);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("Board", "Worker", "State", "Health", "Client", "Reservation", "Kind", "Expires (UTC)");
            foreach (var d in devices)
            {
                table.AddRow(Markup.Escape(d.Serial), Markup.Escape(d.Worker), Markup.Escape(d.State), Markup.Escape(d.Health), Markup.Escape(d.ClientId ?? ""),
                    d.ReservationId?.ToString() ?? "", Markup.Escape(d.Kind ?? ""), d.ExpiresAt?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "");
            }

            output.Data.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Client(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "A name for the new client" };
        var command = new Command("client", "Issue a client token (shown once)") { name };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            var created = await client.CreateClientAsync(parse.GetValue(name)!, ct);
            if (output.Json)
            {
                output.WriteJson(created);
            }
            else
            {
                output.Data.WriteLine($"client id: {created.ClientId}");
                output.Data.WriteLine($"token:     {created.Token}");
                output.Info("The token is shown once; the farm keeps only its hash.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Drain(CliEnvironment env)
    {
        var worker = new Argument<string>("worker") { Description = "The worker's name" };
        var deadline = new Option<TimeSpan?>("--deadline") { Description = "Give reservations this long (default: the farm's, 30m)", CustomParser = DurationParser.Parse };
        var command = new Command("drain", "Drain a worker: no new reservations, current ones end by the deadline") { worker, deadline };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            DateTimeOffset? until = parse.GetValue(deadline) is { } d ? TimeProvider.System.GetUtcNow() + d : null;
            var answer = await client.DrainAsync(parse.GetValue(worker)!, until, ct);
            Report(output, answer, $"draining {parse.GetValue(worker)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Maintenance(CliEnvironment env)
    {
        var worker = new Argument<string>("worker") { Description = "The worker's name" };
        var reason = new Option<string?>("--reason") { Description = "Why it is taken out of service (shown to operators)" };
        var deadline = new Option<TimeSpan?>("--deadline") { Description = "Give its reservations this long (default: the farm's, 30m)", CustomParser = DurationParser.Parse };
        var command = new Command("maintenance",
            "Take a worker out of service until 'admin return': no new reservations, also after it restarts; current ones end by the deadline") { worker, reason, deadline };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            DateTimeOffset? until = parse.GetValue(deadline) is { } d ? TimeProvider.System.GetUtcNow() + d : null;
            var answer = await client.MaintenanceAsync(parse.GetValue(worker)!, parse.GetValue(reason), until, ct);
            Report(output, answer, $"maintenance: {parse.GetValue(worker)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command ReturnToService(CliEnvironment env)
    {
        var worker = new Argument<string>("worker") { Description = "The worker's name" };
        var command = new Command("return", "Return a worker in maintenance (or draining) to service: it takes reservations again at once") { worker };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            var answer = await client.ReturnToServiceAsync(parse.GetValue(worker)!, ct);
            Report(output, answer, $"returned to service: {parse.GetValue(worker)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command SerialAction(CliEnvironment env, string name, string description, Func<AdminClient, string, CancellationToken, Task<System.Text.Json.JsonElement>> action)
    {
        var serial = new Argument<string>("serial") { Description = "The board's serial" };
        var command = new Command(name, description) { serial };
        CommandRunner.SetHandler(command, async (parse, output, ct) =>
        {
            using var client = Connect(env, parse);
            var answer = await action(client, parse.GetValue(serial)!, ct);
            Report(output, answer, $"{name}: {parse.GetValue(serial)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(CliOutput output, System.Text.Json.JsonElement answer, string done)
    {
        if (output.Json)
        {
            output.WriteJson(answer);
        }
        else
        {
            output.Data.WriteLine(done);
        }
    }
}
