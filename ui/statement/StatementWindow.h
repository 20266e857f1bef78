#pragma once

#include "core/statement/Statement.h"
#include "core/statement/StatementDocument.h"

#include <QDateTime>
#include <QWidget>

#include <optional>
#include <utility>

class ChartRangeBar;
class InlineMessage;
class LedgerSession;
class QCheckBox;
class QProgressBar;
class QPushButton;
class QTableView;
class StatementHeader;
class StatementModel;
class StatementSubtotalModel;

// One user's statement in a window of its own, beside the main window: a period (the charts'
// presets, or days picked), the header (whose, the period, opening and closing balance, whether
// it reconciles, from when the audit log proves it), every change with the balance after it,
// the subtotals, and Save as PDF, Save as CSV and Print. Read on the session's worker; read
// again when the ledger changes for this user.
class StatementWindow final : public QWidget
{
    Q_OBJECT

public:
    StatementWindow(LedgerSession *session, const QString &userId, QWidget *parent = nullptr);
    ~StatementWindow() override;

    QString userId() const { return m_userId; }
    LedgerSession *session() const { return m_session; }
    // Reads the statement again for the period chosen.
    void reload();
    bool isLoading() const { return m_loading; }
    // The statement shown; nothing before the first read succeeded.
    const std::optional<Statement> &statement() const { return m_statement; }
    // The period chosen, as StatementQuery reads it: since inclusive, until exclusive (UTC),
    // invalid for no bound (until: up to now).
    std::pair<QDateTime, QDateTime> period() const;
    StatementDocument::Options documentOptions() const;

    // Ask for a file (FileDialog, CsvSaveDialog) and write it; said in the window when done.
    void savePdf();
    void saveCsv();
    // The print dialog, then the statement on the printer chosen.
    void print();

    ChartRangeBar *rangeBar() const { return m_range; }
    StatementHeader *header() const { return m_header; }
    StatementModel *model() const { return m_model; }
    QTableView *tableView() const { return m_table; }
    InlineMessage *message() const { return m_message; }
    QCheckBox *showIdsBox() const { return m_showIds; }

signals:
    // A read finished, ok or not.
    void loaded(bool ok);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showStatement(const Statement &statement);
    void setLoading(bool loading);
    void updateButtons();
    QString suggestedFileName(const QString &suffix) const;
    void saveSettings() const;

    LedgerSession *m_session;
    QString m_userId;
    ChartRangeBar *m_range;
    QProgressBar *m_busy;
    QPushButton *m_refresh;
    InlineMessage *m_message;
    StatementHeader *m_header;
    StatementModel *m_model;
    StatementSubtotalModel *m_byCategory;
    StatementSubtotalModel *m_bySourceType;
    QTableView *m_table;
    QCheckBox *m_showIds;
    QPushButton *m_pdf;
    QPushButton *m_csv;
    QPushButton *m_print;
    std::optional<Statement> m_statement;
    quint64 m_generation = 0; // of the read asked for last: older answers are dropped
    bool m_loading = false;
};
