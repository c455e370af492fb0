// expect: passed
export function fizzbuzz(n) {
  for (let i = 0; i < 20000; i++) console.log('spam spam spam spam spam spam spam spam')
  if (n % 15 === 0) return 'FizzBuzz'
  if (n % 3 === 0) return 'Fizz'
  if (n % 5 === 0) return 'Buzz'
  return String(n)
}
