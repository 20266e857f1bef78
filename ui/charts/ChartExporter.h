#pragma once

#include "core/charts/ChartData.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QPalette>
#include <QSize>
#include <QString>

#include <optional>

class QChart;

// Writes one chart to a PNG, SVG or PDF file (chosen by the file's extension), drawn by the
// same ChartBuilder as the view, at a fixed size, light, with a title that says what, of whom
// and when. Needs a QApplication, but no display (the offscreen platform will do).
class ChartExporter final
{
    Q_DECLARE_TR_FUNCTIONS(ChartExporter)

public:
    enum class Format { Png, Svg, Pdf };

    static constexpr QSize DefaultSize{1200, 800};
    static constexpr qreal PngPixelRatio = 2.0;

    static std::optional<Format> formatFor(const QString &fileName);
    // For save dialogs: "PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)".
    static QString fileFilter();
    // The palette of exported charts: light, whatever the desktop uses, as documents are.
    static QPalette exportPalette();

    static Status write(ChartKind kind, const ChartData &data, const QString &scope, const QString &fileName,
                        const QSize &size = DefaultSize);

private:
    static Status render(QChart *chart, Format format, const QString &title, const QString &fileName,
                         const QSize &size);
};
