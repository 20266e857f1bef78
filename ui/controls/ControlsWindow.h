#pragma once

#include "core/controls/ControlsReport.h"

#include <QDateTime>
#include <QWidget>

#include <optional>
#include <utility>

class ChartRangeBar;
class InlineMessage;
class LedgerSession;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTextBrowser;
class ReasonCodeChart;

// The controls report of a period in a window of its own (Ledger > Controls Report…): the period
// (the charts' presets, or days picked), the report as the PDF lays it out, and Save as PDF,
// Save as CSV and Print. Read on the session's worker; read again when the ledger changes, at
// most every 3 s. One window per main window, raised again when asked for a second time.
class ControlsWindow final : public QWidget
{
    Q_OBJECT

public:
    ControlsWindow(LedgerSession *session, QWidget *parent = nullptr);
    ~ControlsWindow() override;

    // The window of parent's session, opened or brought to the front.
    static ControlsWindow *open(LedgerSession *session, QWidget *parent);

    LedgerSession *session() const { return m_session; }
    void reload();
    bool isLoading() const { return m_loading; }
    const std::optional<ControlsReportData> &report() const { return m_report; }
    // since inclusive, until exclusive (UTC), invalid for no bound.
    std::pair<QDateTime, QDateTime> period() const;

    // Ask for a file (FileDialog, CsvSaveDialog) and write it; said in the window when done.
    void savePdf();
    void saveCsv();
    void print();

    ChartRangeBar *rangeBar() const { return m_range; }
    QTextBrowser *browser() const { return m_browser; }
    InlineMessage *message() const { return m_message; }

signals:
    // A read finished, ok or not.
    void loaded(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void setLoading(bool loading);
    void updateButtons();
    QString suggestedFileName(const QString &suffix) const;

    LedgerSession *m_session;
    ChartRangeBar *m_range;
    QProgressBar *m_busy;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    QTextBrowser *m_browser;
    ReasonCodeChart *m_chart;
    QSplitter *m_split;
    QPushButton *m_pdf;
    QPushButton *m_csv;
    QPushButton *m_print;
    std::optional<ControlsReportData> m_report;
    quint64 m_generation = 0; // of the read asked for last: older answers are dropped
    bool m_loading = false;
};
