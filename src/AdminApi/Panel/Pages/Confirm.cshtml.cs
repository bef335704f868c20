using IceFarm.AdminApi.Clients;
using IceFarm.AdminApi.Farm;
using IceFarm.AdminApi.Panel.Components;
using IceFarm.AdminApi.Panel.Live;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace IceFarm.AdminApi.Panel.Pages;

/// <summary>
/// The confirmation dialog for browsers without script: an action button's form lands here, the page asks what the dialog
/// would ask (the same sentence), and its form posts the action, which comes back to <see cref="Back"/> with the outcome.
/// </summary>
internal sealed class ConfirmModel(FarmReader farm, ClientReader clients) : PageModel
{
    public string Action { get; private set; } = "";
    public string Target { get; private set; } = "";
    public string Prompt { get; private set; } = "";
    public string? Error { get; private set; }
    public string Back { get; private set; } = "/";
    public bool AsksDuration => Action is "extend" or "extend-client";
    public bool AsksDeadline => Action is "drain" or "maintenance";
    public bool AsksReason => ActionPrompts.AsksReason(Action);

    public async Task OnGetAsync(string? back, CancellationToken ct)
    {
        Back = PanelPaths.LocalOrRoot(back);
        if (ActionPrompts.Parse(Request.Query["do"]) is not var (action, target))
        {
            Error = "Choose an action with its button.";
            return;
        }

        (Action, Target) = (action, target);
        (Prompt, Error) = action switch
        {
            "end" or "extend" or "reboot" or "forget" or "board-maintenance" or "retire" or "board-return" => await DevicePromptAsync(action, target, ct),
            "end-client" or "extend-client" => await ClientPromptAsync(action, target, ct),
            "drain" => await farm.WorkerExistsAsync(target, ct) ? (ActionPrompts.ForDrain(target), null) : ("", $"No worker is named '{target}'."),
            "maintenance" => await farm.WorkerExistsAsync(target, ct) ? (ActionPrompts.ForMaintenance(target), null) : ("", $"No worker is named '{target}'."),
            "return" => await farm.WorkerExistsAsync(target, ct) ? (ActionPrompts.ForReturn(target), null) : ("", $"No worker is named '{target}'."),
            _ => ("", $"Unknown action '{action}'."),
        };
    }

    private async Task<(string, string?)> DevicePromptAsync(string action, string serial, CancellationToken ct)
    {
        if (await farm.DeviceAsync(serial, ct) is not { } device)
        {
            return ("", $"No board has serial '{serial}'.");
        }

        return ActionPrompts.ForDevice(action, device) switch
        {
            { } prompt => (prompt, null),
            null when action == "reboot" => ($"Reboot board {serial}? It is flashed again with its current firmware.", null),
            null when action == "board-return" => ("", $"Board {serial} is not held out of service; there is nothing to return."),
            null when action is "board-maintenance" or "retire" => ("", $"Board {serial} is already {(action == "retire" ? "retired" : "in maintenance")}."),
            _ => ("", $"Board {serial} is not reserved; there is nothing to {action}."),
        };
    }

    private async Task<(string, string?)> ClientPromptAsync(string action, string clientId, CancellationToken ct)
    {
        if (await clients.ReservationsAsync(clientId, activeOnly: true, ct) is not { } active)
        {
            return ("", $"No client has id '{clientId}'.");
        }

        return ActionPrompts.ForClient(action, clientId, active.Length) is { } prompt
            ? (prompt, null)
            : ("", $"Client {clientId} holds no reservation; there is nothing to {(action == "end-client" ? "end" : "extend")}.");
    }
}
