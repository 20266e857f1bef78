#pragma once

#include <QWizardPage>

class ImportProgressPanel;
class ImportWizard;
class QLabel;

// Step 5: the import running on the background worker: phase, done of total, rows per second.
// The wizard's Cancel (or Esc) cancels it; then nothing is written. Moves on by itself when done.
class ImportRunPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportRunPage(ImportWizard *wizard);

    void initializePage() override;
    bool isComplete() const override;

private:
    void runFinished();

    ImportWizard *m_wizard;
    QLabel *m_note;
    ImportProgressPanel *m_progress;
};
