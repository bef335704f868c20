namespace IceFarm.Client.Evaluation;

/// <summary>A <c>result</c> or <c>evaluation-failed</c> event as parsed off the stream, before a run attaches its bitstream.</summary>
internal sealed record Outcome(Guid EvaluationId, string Serial, long? Pulses, VarianceMeasurement? Variance, EvaluationFailed? Failure)
{
    public static Outcome Parse(Events.FarmEvent item)
    {
        var data = item.Data;
        var id = data.GetProperty("evaluationId").GetGuid();
        var serial = data.GetProperty("serial").GetString() ?? "";
        if (item.Type == Contracts.Http.StreamEventTypes.EvaluationFailed)
        {
            var category = data.TryGetProperty("category", out var c) ? c.GetString() : null;
            var reason = data.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
            return new Outcome(id, serial, null, null, new EvaluationFailed(EvaluationFailed.ParseCategory(category), reason));
        }

        var value = data.GetProperty("value");
        if (value.ValueKind == System.Text.Json.JsonValueKind.Number)
        {
            return new Outcome(id, serial, value.GetInt64(), null, null);
        }

        var samples = value.TryGetProperty("samples", out var s) && s.ValueKind == System.Text.Json.JsonValueKind.Array
            ? s.EnumerateArray().Select(e => e.GetInt32()).ToArray()
            : null;
        return new Outcome(id, serial, null, new VarianceMeasurement(value.GetProperty("fitness").GetDouble(), samples), null);
    }
}
