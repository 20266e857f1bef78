#include "ui/charts/ChartExporter.h"

#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartText.h"

#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

std::optional<ChartExporter::Format> ChartExporter::formatFor(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return Format::Png;
    if (suffix == QLatin1String("svg"))
        return Format::Svg;
    if (suffix == QLatin1String("pdf"))
        return Format::Pdf;
    return std::nullopt;
}

QString ChartExporter::fileFilter()
{
    return tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)");
}

QPalette ChartExporter::exportPalette()
{
    QPalette palette(QColor(0xef, 0xef, 0xef), QColor(Qt::white));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::WindowText, QColor(0x20, 0x20, 0x20));
    palette.setColor(QPalette::PlaceholderText, QColor(0x70, 0x70, 0x70));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return palette;
}

Status ChartExporter::write(ChartKind kind, const ChartData &data, const QString &scope, const QString &fileName,
                            const QSize &size)
{
    const auto format = formatFor(fileName);
    if (!format)
        return Error::input(tr("%1 has no known image extension: end the file name with .png, .svg or .pdf")
                                .arg(QDir::toNativeSeparators(fileName)));
    ChartStyle style;
    style.palette = exportPalette();
    style.title = ChartText::exportTitle(kind, data, scope);
    style.fontScale = 1.35;
    std::unique_ptr<QChart> chart = ChartBuilder::build(kind, data, style);
    return render(chart.get(), *format, style.title, fileName, size);
}

Status ChartExporter::render(QChart *chart, Format format, const QString &title, const QString &fileName,
                             const QSize &size)
{
    // The chart lays itself out in a scene; the scene is then painted on the file's device.
    QGraphicsScene scene;
    scene.addItem(chart);
    chart->setGeometry(QRectF(QPointF(0, 0), QSizeF(size)));
    // Layout requests are posted events; axes that fit their ticks to the plot area ask again.
    for (int round = 0; round < 3; ++round)
        QCoreApplication::processEvents();
    const QRectF source(QPointF(0, 0), QSizeF(size));
    const auto paint = [&](QPaintDevice *device, const QRectF &target) {
        QPainter painter(device);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        scene.render(&painter, target, source);
    };

    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly)) {
        scene.removeItem(chart);
        return Error::input(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString()));
    }
    switch (format) {
    case Format::Png: {
        QImage image(size * PngPixelRatio, QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(PngPixelRatio);
        image.fill(Qt::white);
        paint(&image, source);
        if (!image.save(&file, "PNG")) {
            scene.removeItem(chart);
            return Error::input(tr("Cannot write %1 as PNG").arg(QDir::toNativeSeparators(fileName)));
        }
        break;
    }
    case Format::Svg: {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(source);
        svg.setTitle(title);
        svg.setDescription(tr("XP chart made by XP Admin"));
        paint(&svg, source);
        break;
    }
    case Format::Pdf: {
        QPdfWriter pdf(&file);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("XP Admin"));
        pdf.setResolution(96);
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setPageSize(QPageSize(QSizeF(size) * 72.0 / 96.0, QPageSize::Point, title, QPageSize::ExactMatch));
        paint(&pdf, QRectF(0, 0, pdf.width(), pdf.height()));
        break;
    }
    }
    scene.removeItem(chart); // the caller owns the chart, not the scene
    if (!file.commit())
        return Error::input(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(fileName), file.errorString()));
    return {};
}
