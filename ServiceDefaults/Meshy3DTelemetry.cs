using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Microsoft.Extensions.Hosting;

/// <summary>The activity source and meter our own code writes to (the outbox, consumers).</summary>
public static class Meshy3DTelemetry
{
    public const string ActivitySourceName = "Meshy3D";
    public const string MeterName = "Meshy3D";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);
    public static readonly Meter Meter = new(MeterName);
}
