#pragma once

#include "core/import/ImportReport.h"

#include <QWizard>

#include <memory>

class ImportChoosePage;
class ImportJob;
class LedgerSession;

// File > Import: legacy totals (from a file or from UserProfile) or bulk adjustments, as six
// steps: choose, preview with every problem, dry-run summary, confirm, progress, result. Both
// the check and the import run on the session's background worker; the window never waits.
// Nothing is written before the confirm page, and then all or nothing.
class ImportWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId { ChoosePage, PreviewPage, SummaryPage, ConfirmPage, RunPage, ResultPage };

    explicit ImportWizard(LedgerSession *session, QWidget *parent = nullptr);
    ~ImportWizard() override;

    LedgerSession *session() const { return m_session; }
    ImportKind kind() const;
    QString filePath() const;

    // The check of the chosen file (a dry run), started anew by startDryRun(); nullptr before.
    ImportJob *dryRun() const { return m_dryRun.get(); }
    void startDryRun();
    // The import itself, started by the progress page; nullptr before.
    ImportJob *realRun() const { return m_realRun.get(); }
    void startRealRun();

    // Esc and Cancel: while the import writes, they cancel it (the wizard stays to say so).
    void reject() override;
    void done(int result) override;

signals:
    // The import was written (the session has announced the change).
    void imported(const ImportReport &report);

private:
    LedgerSession *m_session;
    ImportChoosePage *m_choosePage;
    std::unique_ptr<ImportJob> m_dryRun;
    std::unique_ptr<ImportJob> m_realRun;
};
