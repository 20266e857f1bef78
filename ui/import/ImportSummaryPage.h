#pragma once

#include <QWizardPage>

class ImportEffectModel;
class ImportProblemModel;
class ImportProgressPanel;
class ImportWizard;
class InlineMessage;
class QFormLayout;
class QLabel;
class QTableView;
struct ImportReport;

// Step 3: what the import would do, from the dry run: rows, transactions, users, the grand
// totals before and after, each user's change, and every problem. Next only when the import can
// be applied: no problem, not imported before, something to write.
class ImportSummaryPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportSummaryPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void checkFinished();
    void showReport(const ImportReport &report);
    QLabel *addFigure(const QString &name);

    ImportWizard *m_wizard;
    ImportProgressPanel *m_progress;
    InlineMessage *m_message;
    QWidget *m_figuresBox;
    QFormLayout *m_figures;
    QLabel *m_batch;
    QLabel *m_rows;
    QLabel *m_transactions;
    QLabel *m_users;
    QLabel *m_held;
    QLabel *m_totalBeforeName;
    QLabel *m_totalBefore;
    QLabel *m_totalAfterName;
    QLabel *m_totalAfter;
    QLabel *m_effectsCaption;
    ImportEffectModel *m_effects;
    QTableView *m_effectsView;
    ImportProblemModel *m_problems;
    QTableView *m_problemsView;
};
