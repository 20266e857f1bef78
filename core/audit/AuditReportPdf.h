#pragma once

#include "core/audit/AuditReport.h"

#include <QCoreApplication>
#include <QFont>
#include <QRectF>

#include <functional>
#include <memory>

class QBuffer;
class QPainter;
class QPdfWriter;
class QSaveFile;

// An audit report as a PDF an auditor can print and file: A4 landscape, the header on the first
// page, then one row per event (seq, time, actor, operator, action, amount, reason, and below
// them the transaction and the full hash), a page at a time as the events arrive, each page
// numbered and naming the user. Needs a QGuiApplication (fonts); it may run on a worker thread.
// Lives in its own library (xpauditpdf, QtGui) so that xpcore stays Core and Sql only.
class AuditReportPdf final : public AuditReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(AuditReportPdf)

public:
    // How times, actions and amounts are printed. The defaults are the log's own (UTC, action
    // codes, plain numbers); the window passes the ones its tables use, so the printout reads
    // the same as the screen.
    struct Format
    {
        std::function<QString(const QDateTime &)> time;
        std::function<QString(const QString &)> action;
        std::function<QString(qint64)> amount;
    };

    explicit AuditReportPdf(QString fileName);
    ~AuditReportPdf() override;

    Status begin(const AuditReportHeader &header) override;
    Status add(const AuditEvent &event) override;
    Status finish() override;
    void discard() override;

    // Set before begin().
    void setFormat(Format format);

    // A reason longer than this many lines is cut short in the PDF (the CSV has it whole).
    static constexpr int MaxReasonLines = 24;

private:
    void drawHeader(const AuditReportHeader &header);
    void drawColumnTitles();
    void newPage();
    void drawFooter();
    Error writeError() const;
    void restoreSeed();

    QString m_fileName;
    QString m_userId;
    Format m_format;
    std::unique_ptr<QSaveFile> m_file;
    // A closed period's report is drawn here first, so that its creation date can be the close's.
    std::unique_ptr<QBuffer> m_buffer;
    QDateTime m_fixedDate;
    bool m_fixedSeed = false;
    std::unique_ptr<QPdfWriter> m_pdf;
    std::unique_ptr<QPainter> m_painter;
    QRectF m_page; // the printable area, in points
    qreal m_y = 0;
    int m_pageNumber = 0;
    qint64 m_count = 0;
    QFont m_body;
    QFont m_bold;
    QFont m_mono;
    QFont m_title;
    ReasonCatalog m_reasons;
};
