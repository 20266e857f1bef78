#include "core/audit/AuditReportPdf.h"

#include "core/audit/PdfCreationDate.h"
#include "core/domain/Timestamp.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QHashSeed>
#include <QLocale>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextLayout>

#include <array>

namespace {

constexpr int Dpi = 72; // one device unit is one point
constexpr qreal Pad = 3;
constexpr qreal RowGap = 2;

enum Column { Seq, When, Actor, Operator, Action, Amount, Reason, ColumnCount };
constexpr std::array<qreal, ColumnCount> Widths{40, 112, 80, 80, 90, 56, 0}; // Reason takes the rest

QString period(const AuditReportRequest &request, const std::function<QString(const QDateTime &)> &time)
{
    const QString from = request.since.isValid() ? time(request.since)
                                                 : QCoreApplication::translate("AuditReportPdf", "the first event");
    const QString to = request.until.isValid()
        ? time(request.until) + QCoreApplication::translate("AuditReportPdf", " (exclusive)")
        : QCoreApplication::translate("AuditReportPdf", "the newest event");
    return QCoreApplication::translate("AuditReportPdf", "from %1 to %2").arg(from, to);
}

// Control characters (NUL, escapes) would draw as nothing or as boxes: show them as such.
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        out += c == QLatin1Char('\n')              ? QChar(QChar::LineSeparator)
            : c.category() == QChar::Other_Control ? QChar(0xFFFD)
                                                   : c;
    return out;
}

// Lays text out in lines of width, at word boundaries (anywhere inside a word too long for a
// line), at most maxLines; returns the height. *cut is where the text stops when it did not fit.
qreal layOut(QTextLayout &layout, qreal width, int maxLines, qsizetype *cut)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    *cut = -1;
    for (int lines = 0;; ++lines) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        if (lines == maxLines) {
            *cut = line.textStart();
            break;
        }
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}

} // namespace

AuditReportPdf::AuditReportPdf(QString fileName) : m_fileName(std::move(fileName))
{
    setFormat({});
    m_body = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    m_body.setPointSizeF(8);
    m_bold = m_body;
    m_bold.setBold(true);
    m_title = m_body;
    m_title.setPointSizeF(15);
    m_title.setBold(true);
    m_mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_mono.setPointSizeF(7);
}

AuditReportPdf::~AuditReportPdf()
{
    discard();
}

void AuditReportPdf::restoreSeed()
{
    if (m_fixedSeed)
        QHashSeed::resetRandomGlobalSeed();
    m_fixedSeed = false;
}

Error AuditReportPdf::writeError() const
{
    return Error::input(tr("Cannot write %1: %2").arg(m_fileName, m_file ? m_file->errorString() : QString()));
}

void AuditReportPdf::setFormat(Format format)
{
    m_format = std::move(format);
    if (!m_format.time)
        m_format.time = [](const QDateTime &at) { return Timestamp::toSql(at); };
    if (!m_format.action)
        m_format.action = [](const QString &action) { return action; };
    if (!m_format.amount)
        m_format.amount = [](qint64 amount) { return QLocale().toString(amount); };
}

Status AuditReportPdf::begin(const AuditReportHeader &header)
{
    discard();
    m_reasons = header.request.reasons;
    m_file = std::make_unique<QSaveFile>(m_fileName);
    if (!m_file->open(QIODevice::WriteOnly))
        return writeError();
    QIODevice *target = m_file.get();
    if (header.closure) {
        m_buffer = std::make_unique<QBuffer>();
        m_buffer->open(QIODevice::WriteOnly);
        m_fixedDate = header.closure->closedAt;
        target = m_buffer.get();
        // The PDF engine writes its fonts in the order of a QHash, which a random seed shuffles from
        // one run to the next: a fixed seed while this report's hashes are made, the random one after.
        QHashSeed::setDeterministicGlobalSeed();
        m_fixedSeed = true;
    }
    m_pdf = std::make_unique<QPdfWriter>(target);
    m_pdf->setResolution(Dpi);
    m_pdf->setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(36, 36, 36, 36), QPageLayout::Point));
    m_pdf->setTitle(tr("Audit report for user %1").arg(header.request.userId));
    m_pdf->setCreator(QStringLiteral("XP Admin %1").arg(QStringLiteral(XPADMIN_VERSION)));
    m_painter = std::make_unique<QPainter>();
    if (!m_painter->begin(m_pdf.get()))
        return writeError();
    m_page = QRectF(QPointF(0, 0), m_pdf->pageLayout().paintRectPixels(Dpi).size());
    m_userId = header.request.userId;
    m_pageNumber = 1;
    m_count = 0;
    m_y = 0;
    drawHeader(header);
    drawColumnTitles();
    return {};
}

void AuditReportPdf::drawHeader(const AuditReportHeader &header)
{
    QPainter &p = *m_painter;
    p.setFont(m_title);
    const QFontMetricsF titleMetrics(m_title, m_pdf.get());
    p.drawText(QPointF(0, m_y + titleMetrics.ascent()), tr("XP Admin audit report"));
    m_y += titleMetrics.height() + 8;

    const QLocale locale;
    QList<std::pair<QString, QString>> lines{
        {tr("User"), header.request.userId},
        {tr("Period"), period(header.request, m_format.time)},
        {tr("Database"), header.database},
        {tr("Generated"), tr("%1 by %2").arg(m_format.time(header.generatedAt), header.generatedBy)},
        {tr("Events in this report"), locale.toString(header.count)},
        {tr("Newest event of the log"), tr("%1, hash %2").arg(locale.toString(header.headSeq), header.headHash)},
    };
    if (const auto &closed = header.closure) {
        lines[3] = {tr("Closed period"),
                    tr("closed up to %1 by %2 on %3: this report is the same whenever it is made")
                        .arg(closed->day, closed->closedBy, m_format.time(closed->closedAt))};
        lines[5]
            = {tr("The close's event"), tr("%1, hash %2").arg(locale.toString(closed->eventSeq), closed->eventHash)};
        lines << std::pair{
            tr("Total at the close"),
            closed->holds()
                ? tr("%1 XP, kept by the close; the user's rows up to %2 still add up to it")
                      .arg(m_format.amount(closed->totalAtClose), closed->day)
                : tr("%1 XP, kept by the close; DIFFERS: the user's rows up to %2 now add up to %3 XP")
                      .arg(m_format.amount(closed->totalAtClose), closed->day, m_format.amount(closed->totalNow))};
    }
    const QFontMetricsF metrics(m_body, m_pdf.get());
    const qreal labelWidth = 130;
    for (const auto &[label, value] : lines) {
        p.setFont(m_bold);
        p.drawText(QRectF(0, m_y, labelWidth, metrics.height()), Qt::AlignLeft | Qt::AlignTop, label);
        p.setFont(m_body);
        p.drawText(QRectF(labelWidth, m_y, m_page.width() - labelWidth, metrics.height()), Qt::AlignLeft | Qt::AlignTop,
                   value);
        m_y += metrics.height() + 1;
    }
    m_y += 4;
    p.setFont(m_body);
    const QString note = tr("Every event's hash is SHA-256 of the previous event's hash and the event itself, so "
                            "changing, removing or inserting an event breaks every later hash. Check the log with "
                            "xpadmin-cli verify; keep this report's newest hash to compare with the log later.");
    const QRectF noteRect = p.boundingRect(QRectF(0, m_y, m_page.width(), 1000), Qt::TextWordWrap, note);
    p.drawText(noteRect, Qt::TextWordWrap, note);
    m_y += noteRect.height() + 10;
}

void AuditReportPdf::drawColumnTitles()
{
    QPainter &p = *m_painter;
    p.setFont(m_bold);
    const QFontMetricsF metrics(m_bold, m_pdf.get());
    const std::array<QString, ColumnCount> titles{tr("Seq"),    tr("Time (UTC)"), tr("Actor"), tr("Operator"),
                                                  tr("Action"), tr("Amount"),     tr("Reason")};
    qreal x = 0;
    for (int c = 0; c < ColumnCount; ++c) {
        const qreal width = c == Reason ? m_page.width() - x : Widths[c];
        p.drawText(QRectF(x + Pad, m_y, width - 2 * Pad, metrics.height()),
                   (c == Amount ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop, titles[c]);
        x += width;
    }
    m_y += metrics.height() + 2;
    p.setPen(QPen(Qt::black, 0.8));
    p.drawLine(QPointF(0, m_y), QPointF(m_page.width(), m_y));
    m_y += RowGap;
}

void AuditReportPdf::drawFooter()
{
    QPainter &p = *m_painter;
    p.setFont(m_body);
    p.setPen(Qt::darkGray);
    const QFontMetricsF metrics(m_body, m_pdf.get());
    const QRectF line(0, m_page.height() - metrics.height(), m_page.width(), metrics.height());
    p.drawText(line, Qt::AlignLeft, tr("XP Admin audit report, user %1").arg(m_userId));
    p.drawText(line, Qt::AlignRight, tr("Page %1").arg(m_pageNumber));
    p.setPen(Qt::black);
}

void AuditReportPdf::newPage()
{
    drawFooter();
    m_pdf->newPage();
    ++m_pageNumber;
    m_y = 0;
    drawColumnTitles();
}

Status AuditReportPdf::add(const AuditEvent &event)
{
    if (!m_painter)
        return writeError();
    QPainter &p = *m_painter;
    const QFontMetricsF body(m_body, m_pdf.get());
    const QFontMetricsF mono(m_mono, m_pdf.get());
    const qreal reasonX = [] {
        qreal x = 0;
        for (int c = 0; c < Reason; ++c)
            x += Widths[c];
        return x;
    }();
    const qreal reasonWidth = m_page.width() - reasonX - 3 * Pad;
    // A manual change's reason code and ticket, after its reason.
    const auto [code, ticket] = ReasonCatalog::fromSnapshot(event.snapshot);
    const QString why = m_reasons.describe(code, ticket);
    const QString reasonText = why.isEmpty() ? event.reason : event.reason + QStringLiteral(" · ") + why;
    QTextLayout reason(printable(reasonText), m_body, m_pdf.get());
    qsizetype cut = -1;
    qreal reasonHeight = layOut(reason, reasonWidth, MaxReasonLines, &cut);
    if (cut >= 0) {
        // Too long for a page: cut short, and say where the whole reason is.
        const QString note = tr("… (%1 more characters: the CSV report has the whole reason)");
        QString shorter;
        for (qsizetype keep = cut; keep > 0 && cut >= 0; keep -= std::max<qsizetype>(1, keep / 8)) {
            shorter = printable(reasonText.left(keep)) + note.arg(reasonText.size() - keep);
            reason.setText(shorter);
            reasonHeight = layOut(reason, reasonWidth, MaxReasonLines, &cut);
        }
    }
    const qreal firstLine = std::max(body.height(), reasonHeight);
    const qreal rowHeight = firstLine + mono.height() + 2 * RowGap;
    const qreal footer = body.height() + 6;
    if (m_y + rowHeight > m_page.height() - footer && m_y > 0)
        newPage();
    p.setFont(m_body); // the page's column titles are bold

    const QStringList cells{QString::number(event.seq),    m_format.time(event.at),
                            printable(event.actor),        printable(event.operatorName),
                            m_format.action(event.action), event.amount ? m_format.amount(*event.amount) : QString()};
    qreal x = 0;
    for (int c = 0; c < Reason; ++c) {
        const QRectF cell(x + Pad, m_y, Widths[c] - 2 * Pad, body.height());
        p.drawText(cell, (c == Amount ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop,
                   body.elidedText(cells[c], Qt::ElideRight, cell.width()));
        x += Widths[c];
    }
    reason.draw(&p, QPointF(reasonX + 2 * Pad, m_y));
    m_y += firstLine;
    p.setFont(m_mono);
    p.setPen(Qt::darkGray);
    const QString second = event.xpId.isEmpty() ? tr("hash %1").arg(event.hash)
                                                : tr("hash %1   transaction %2").arg(event.hash, printable(event.xpId));
    p.drawText(QRectF(Widths[Seq] + Pad, m_y, m_page.width() - Widths[Seq], mono.height()), Qt::AlignLeft,
               mono.elidedText(second, Qt::ElideRight, m_page.width() - Widths[Seq]));
    p.setPen(QPen(Qt::lightGray, 0.4));
    m_y += mono.height() + RowGap;
    p.drawLine(QPointF(0, m_y), QPointF(m_page.width(), m_y));
    p.setPen(Qt::black);
    m_y += RowGap;
    ++m_count;
    return {};
}

Status AuditReportPdf::finish()
{
    if (!m_painter)
        return writeError();
    if (m_count == 0) {
        m_painter->setFont(m_body);
        m_painter->drawText(QPointF(Pad, m_y + QFontMetricsF(m_body, m_pdf.get()).ascent()),
                            tr("No audit event of this user in this period."));
    }
    drawFooter();
    if (!m_painter->end())
        return writeError();
    m_painter.reset();
    m_pdf.reset();
    restoreSeed();
    if (m_buffer) {
        const QByteArray pdf = PdfCreationDate::fixed(m_buffer->data(), m_fixedDate);
        m_buffer.reset();
        if (m_file->write(pdf) != pdf.size())
            return writeError();
    }
    if (!m_file->commit())
        return Error::input(tr("Cannot save %1: %2; no file was written.").arg(m_fileName, m_file->errorString()));
    m_file.reset();
    return {};
}

void AuditReportPdf::discard()
{
    if (m_painter && m_painter->isActive())
        m_painter->end();
    m_painter.reset();
    m_pdf.reset();
    restoreSeed();
    m_buffer.reset();
    if (m_file)
        m_file->cancelWriting();
    m_file.reset();
}
