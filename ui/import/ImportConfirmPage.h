#pragma once

#include <QWizardPage>

class ImportWizard;
class QLabel;

// Step 4: one sentence that says what will be written, and that it is all or nothing.
class ImportConfirmPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportConfirmPage(ImportWizard *wizard);

    void initializePage() override;
    QString sentence() const;

private:
    ImportWizard *m_wizard;
    QLabel *m_sentence;
    QLabel *m_details;
};
