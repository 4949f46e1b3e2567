/** Russia's missions as the seeds' advice describes them: the embassy on reduced staff, the consulates suspended. */
export const RUSSIA_MISSIONS = [
  {
    type: 'embassy', name: 'Embassy in Moscow', city: 'Moscow', address: 'Bolshoy Deviatinsky Pereulok No. 8, Moscow 121099',
    phones: [{ label: 'Switchboard', number: '+7 495 728-5000', emergency: false }, { label: 'After hours', number: '+7 495 728-5025', emergency: true }],
    email: 'moscowacs@example.org', hours: 'Mon–Fri 9:00–18:00', services: ['Emergency passports', 'Help for detained citizens (limited)'],
    status: 'reduced', statusSince: '2021-08-01', statusNote: 'Limited ability to assist citizens, including detained citizens.',
  },
  {
    type: 'consulate-general', name: 'Consulate General in Yekaterinburg', city: 'Yekaterinburg', address: 'Ulitsa Gogolya 15',
    phones: [{ label: 'Switchboard', number: '+7 343 379-3001', emergency: false }], email: '', hours: '', services: [],
    status: 'suspended', statusSince: '2021-05-12', statusNote: 'All operations suspended, including consular services.',
  },
  {
    type: 'consulate', name: 'Consulate in Vladivostok', city: 'Vladivostok', address: 'Pushkinskaya Ulitsa 32',
    phones: [], email: '', hours: '', services: [], status: 'suspended', statusSince: '2020-12-01', statusNote: 'Consular services suspended.',
  },
];

export const RUSSIA_QUICK_FACTS = {
  passportValidity: 'Six months beyond your stay.', blankPages: 'Two.', visa: 'Required before arrival.',
  vaccinations: 'None required.', currencyImport: 'Declare more than USD 10,000.', currencyExport: 'Declare more than USD 10,000.',
  bankCardsWork: false, bankCardsNote: 'U.S. credit and debit cards do not work in Russia: bring cash.',
  emergencyNumbers: '112', entryExitNotes: 'Exit bans are imposed on dual nationals.',
};
