/** The school of the end-to-end tests, as its administrator enters it in the setup dialog. */
export const PROFILE = {
  fullName: 'Муниципальное автономное общеобразовательное учреждение «Средняя общеобразовательная школа № 11»',
  shortName: 'МАОУ СОШ № 11',
  city: 'Березники',
  adminName: 'Иванова Мария Петровна',
  email: 'director@school11.ru',
  phone: '+79123456789',
};
