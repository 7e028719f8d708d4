// Dashboard charts: each <canvas data-chart="ID"> draws the JSON of <script id="ID"> (json_script).
// Loaded as a file: the CSP allows no inline script. Every chart has a data table beside it.
(function () {
  if (typeof Chart === "undefined") { return; }
  var palette = ["#0b3d6e", "#b02a37", "#2f7d32", "#a15c00", "#6f42c1", "#0f766e",
                 "#c2185b", "#5d4037", "#455a64", "#1565c0", "#827717", "#4e342e"];
  var pointStyles = ["circle", "rectRot", "triangle", "rect", "star", "crossRot"];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    spec.datasets.forEach(function (dataset, index) {
      var colour = palette[index % palette.length];
      dataset.borderColor = colour;
      dataset.backgroundColor = colour;
      dataset.spanGaps = false;
      if (spec.type === "line") {
        // Lines that coincide stay apart (the police line on the city's when both say 3):
        // later lines are drawn on top, thinner and dashed, with larger hollow markers of
        // their own shape, so the line and the marker beneath still show through.
        var later = index > 0;
        dataset.order = -index;
        dataset.borderWidth = later ? 2 : 4;
        dataset.borderDash = later ? [6, 4] : [];
        dataset.pointStyle = pointStyles[index % pointStyles.length];
        dataset.pointRadius = spec.labels.length > 120 ? 0 : (later ? 6 : 3);
        dataset.pointBackgroundColor = later ? "rgba(0, 0, 0, 0)" : colour;
        dataset.pointBorderWidth = 2;
      }
    });
    var scales = { y: { beginAtZero: true } };
    if (spec.yMax) { scales.y.max = spec.yMax; }
    if (spec.yMax === 4) { scales.y.min = 0; scales.y.ticks = { stepSize: 1 }; }
    if (spec.stacked) { scales.x = { stacked: true }; scales.y.stacked = true; }
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: spec.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        // Line datasets are drawn last-on-top (order); the legend keeps the table's order.
        plugins: { legend: { position: "bottom", reverse: spec.type === "line" } },
        scales: scales
      }
    });
  });
})();
