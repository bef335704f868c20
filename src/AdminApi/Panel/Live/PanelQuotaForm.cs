using System.Globalization;
using IceFarm.Contracts.Http;

namespace IceFarm.AdminApi.Panel.Live;

/// <summary>
/// The client page's quota form as the API's request: an empty field takes the farm's default, as a null does in
/// <c>PUT /api/admin/clients/{id}/quota</c>. Only the numbers are read here; their ranges are checked where the API checks them.
/// </summary>
internal static class PanelQuotaForm
{
    public static (SetClientQuotaRequest? Request, string? Error) Read(PanelActionForm form)
    {
        var errors = new List<string>();
        var request = new SetClientQuotaRequest(
            Whole(form.MaxBoards, "maxBoards", errors),
            Whole(form.MaxReservations, "maxReservations", errors),
            Whole(form.MaxWaiting, "maxWaiting", errors),
            Hours(form.MaxBoardHoursPerDay, errors),
            Whole(form.Priority, "priority", errors));
        return errors.Count == 0 ? (request, null) : (null, string.Join(" ", errors));
    }

    private static int? Whole(string? text, string name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"'{name}' must be a whole number or empty (the farm's default).");
        return null;
    }

    private static double? Hours(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add("'maxBoardHoursPerDay' must be a number of hours (such as 12.5) or empty (no daily limit unless the farm sets one).");
        return null;
    }
}
