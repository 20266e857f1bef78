#pragma once

#include <QWizardPage>

class ImportWizard;
class InlineMessage;
class QFormLayout;
class QLabel;

// Step 6: what the import did (batch, rows, users, totals, time, rows per second), or that it
// was cancelled or failed, in words.
class ImportResultPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportResultPage(ImportWizard *wizard);

    void initializePage() override;
    QString resultText() const;

private:
    void addFigure(const QString &name, const QString &value);

    ImportWizard *m_wizard;
    InlineMessage *m_outcome;
    QWidget *m_figuresBox;
    QFormLayout *m_figures;
    QLabel *m_note;
};
